using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>The assembly-level attributes → <see cref="IntegrationModel"/>.</summary>
internal static class IntegrationParser
{
    public static IntegrationModel Parse(Compilation compilation, CancellationToken cancellationToken)
    {
        var assembly = compilation.Assembly;
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        var integration = AttributeReader.First(assembly, AttributeNames.Integration);
        var declared = integration is { IsWellFormed: true };
        var head = new ObjectBuilder();
        var tail = new ObjectBuilder();
        var root = new ObjectBuilder();
        string? type = null;
        string? section = null;
        JsonContextModel? jsonContext = null;

        if (declared)
        {
            var r = integration!.Value;
            type = r.CtorString(0);
            section = r.String("Section");
            if (r.Type("KindJsonContext") is INamedTypeSymbol contextType)
            {
                jsonContext = JsonContext(contextType, r, diagnostics);
            }

            if (r.Bool("WriteTypeToSpec") == true && type is not null)
            {
                head.Add("type", Node.Str(type));
            }

            head.AddString("title", r.String("Title"))
                .AddString("description", r.String("Description"))
                .AddString("icon", r.String("Icon"))
                .AddString("docs", r.String("Docs"));
            AddBool(head, r, "FormMappingEnabled", "formMappingEnabled");
            head.AddString("recommendedInstallationMethod", r.String("RecommendedInstallationMethod"));
            AddBool(head, r, "ActionsProcessingEnabled", "actionsProcessingEnabled");
            AddBool(head, r, "DisableDefaultInstallationMethods", "disableDefaultInstallationMethods");
            if (r.String("ProviderType") is { } provider)
            {
                head.Add("provider", new ObjectBuilder().Add("type", Node.Str(provider)).Build());
            }

            AddBool(root, r, "EnableMergeEntity", "enableMergeEntity");
            AddBool(root, r, "CreateMissingRelatedEntities", "createMissingRelatedEntities");
            AddBool(root, r, "DeleteDependentEntities", "deleteDependentEntities");
            if (r.Double("EntityDeletionThreshold") is double threshold)
            {
                if (threshold < 0 || threshold > 1 || double.IsNaN(threshold))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, r.Location,
                        $"EntityDeletionThreshold must be between 0 and 1 (it is {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));
                }
                else
                {
                    root.Add("entityDeletionThreshold", Node.Num(threshold));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var features = AttributeReader.All(assembly, AttributeNames.Feature)
            .Where(f => f.IsWellFormed)
            .Select(f =>
            {
                var kinds = f.StringArray("Kinds");
                return new FeatureModel(
                    PortEnums.FeatureType(f.Ctor(0)?.Value as int?) ?? "exporter",
                    f.String("Section"),
                    kinds is not null,
                    (kinds ?? ImmutableArray<string>.Empty).ToEquatableArray(),
                    f.Int("Order") ?? 0);
            })
            .OrderBy(f => f.Order)
            .ToEquatableArray();

        if (AttributeReader.First(assembly, AttributeNames.Saas) is { IsWellFormed: true } saas)
        {
            var saasNode = new ObjectBuilder().Add("enabled", Node.Bool(saas.Ctor(0)?.Value is true));
            if (saas.Bool("LiveEvents") is bool live)
            {
                saasNode.Add("liveEvents", new ObjectBuilder().Add("enabled", Node.Bool(live)).Build());
            }

            if (saas.Bool("IncrementalSync") is bool incremental)
            {
                saasNode.Add("incrementalSync", new ObjectBuilder().Add("enabled", Node.Bool(incremental)).Build());
            }

            var oauth = OAuth(assembly);
            if (oauth is not null)
            {
                saasNode.Add("oauthConfiguration", oauth);
            }

            tail.Add("saas", saasNode.Build());
        }

        foreach (var field in AttributeReader.All(assembly, AttributeNames.SpecField))
        {
            if (JsonFields.Read(field, diagnostics) is { } extra)
            {
                tail.Add(extra.Name, extra.Value);
            }
        }

        foreach (var field in AttributeReader.All(assembly, AttributeNames.MappingField))
        {
            if (JsonFields.Read(field, diagnostics) is { } extra)
            {
                root.Add(extra.Name, extra.Value);
            }
        }

        return new IntegrationModel(
            compilation.GetTypeByMetadataName(AttributeNames.Blueprint) is not null,
            declared,
            type,
            declared ? integration!.Value.Enum("KindJsonNaming") ?? 0 : 0,
            jsonContext,
            assembly.Name,
            head.Build(),
            tail.Build(),
            root.Build(),
            new FeatureSet(features.Count > 0, section, features),
            diagnostics.ToImmutable().ToEquatableArray());
    }

    private static JsonContextModel? JsonContext(INamedTypeSymbol contextType, AttributeReader reader, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var isContext = false;
        for (var baseType = contextType.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            isContext |= SymbolNames.HasMetadataName(baseType, "System.Text.Json.Serialization.JsonSerializerContext");
        }

        if (!isContext)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, reader.Location,
                $"KindJsonContext '{contextType.ToDisplayString()}' is not a System.Text.Json JsonSerializerContext"));
            return null;
        }

        var serializable = contextType.GetAttributes()
            .Where(a => a.AttributeClass is { } c && SymbolNames.HasMetadataName(c, "System.Text.Json.Serialization.JsonSerializableAttribute"))
            .Select(a => a.ConstructorArguments.Length > 0 ? a.ConstructorArguments[0].Value as ITypeSymbol : null)
            .Where(t => t is not null)
            .Select(t => SymbolNames.Global(t!))
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();
        return new JsonContextModel(SymbolNames.Global(contextType), serializable, reader.Location);
    }

    private static ObjectNode? OAuth(IAssemblySymbol assembly)
    {
        var secrets = AttributeReader.All(assembly, AttributeNames.OAuthSecret)
            .Where(s => s.IsWellFormed)
            .OrderBy(s => s.Int("Order") ?? 0)
            .Select(s => (Node)new ObjectBuilder()
                .Add("name", Node.Str(s.CtorString(0) ?? string.Empty))
                .Add("value", Node.Str(s.CtorString(1) ?? string.Empty))
                .AddString("description", s.String("Description"))
                .Build())
            .ToList();
        var overrides = AttributeReader.All(assembly, AttributeNames.OAuthOverride)
            .Where(o => o.IsWellFormed)
            .OrderBy(o => o.Int("Order") ?? 0)
            .ToList();
        if (secrets.Count == 0 && overrides.Count == 0)
        {
            return null;
        }

        var oauth = new ObjectBuilder();
        if (secrets.Count > 0)
        {
            oauth.Add("requiredSecrets", ArrayNode.Of(secrets));
        }

        if (overrides.Count > 0)
        {
            var values = new ObjectBuilder();
            foreach (var group in overrides.GroupBy(o => o.Enum("Target") == 1 ? "appSpec" : "integrationSpec"))
            {
                var entries = new ObjectBuilder();
                foreach (var o in group)
                {
                    entries.Add(o.CtorString(0) ?? string.Empty, Node.Str(o.CtorString(1) ?? string.Empty));
                }

                values.Add(group.Key, entries.Build());
            }

            oauth.Add("valuesOverride", values.Build());
        }

        return oauth.Build();
    }

    private static void AddBool(ObjectBuilder target, AttributeReader reader, string argument, string key)
    {
        if (reader.Bool(argument) is bool value)
        {
            target.Add(key, Node.Bool(value));
        }
    }
}
