namespace Ocean.Authoring;

/// <summary>
/// Marks the integration's configuration class. Every public instance property with a setter or <c>init</c>
/// becomes a spec.yaml <c>configurations</c> entry named in camelCase, bound at run time from
/// <c>OCEAN__INTEGRATION__CONFIG__&lt;SNAKE_CASE_NAME&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class IntegrationConfigAttribute : Attribute
{
}

/// <summary>
/// Describes one configuration input. The type is inferred from the C# type (<c>string</c> → string,
/// <c>Uri</c> → url, integers → integer, <c>bool</c> → boolean, collections → array, dictionaries and JSON objects → object).
/// The input is required when the property is <c>required</c>, or non-nullable without a <see cref="Default"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ConfigAttribute : Attribute
{
    /// <summary>Name override (camelCase of the property name otherwise).</summary>
    public string? Name { get; set; }
    /// <summary>Help text shown in Port (HTML allowed).</summary>
    public string? Description { get; set; }
    /// <summary>The value is a secret: masked in logs, never written anywhere.</summary>
    public bool Sensitive { get; set; }
    /// <summary>Default value (string, number or bool).</summary>
    public object? Default { get; set; }
    /// <summary>Type override.</summary>
    public ConfigType Type { get; set; }
    /// <summary>Required override.</summary>
    public bool Required { get; set; }
    /// <summary>UI label.</summary>
    public string? Title { get; set; }
    /// <summary>UI widget hint (e.g. <c>tabSwitcher</c>).</summary>
    public string? Format { get; set; }
    /// <summary>UI example value.</summary>
    public string? Example { get; set; }
}

/// <summary>Adds a field the attribute model has no property for to a configuration entry (e.g. <c>dependencies</c>, <c>items</c>). The value is JSON text.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public sealed class ConfigFieldAttribute : Attribute
{
    /// <summary>Declares an extra configuration field.</summary>
    public ConfigFieldAttribute(string name, string json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>Field name.</summary>
    public string Name { get; }
    /// <summary>Value as JSON text.</summary>
    public string Json { get; }
}
