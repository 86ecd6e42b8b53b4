using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ocean.Authoring.Build;

/// <summary>What the compiled assembly says about the .port files.</summary>
internal sealed class PortManifest
{
    public PortManifest(IReadOnlyDictionary<string, string> files, bool usesKitAttributes)
    {
        Files = files;
        UsesKitAttributes = usesKitAttributes;
    }

    /// <summary>Path under the project (e.g. <c>.port/spec.yaml</c>) → text.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>The assembly applies at least one of the kit's declaring attributes.</summary>
    public bool UsesKitAttributes { get; }
}

/// <summary>Reads the generator's <c>AssemblyMetadata</c> from an assembly file with System.Reflection.Metadata (no loading, no Roslyn).</summary>
internal static class PortManifestReader
{
    private static readonly HashSet<string> DeclaringAttributes = new(StringComparer.Ordinal)
    {
        "OceanIntegrationAttribute", "BlueprintAttribute", "KindAttribute", "IntegrationConfigAttribute", "ResyncAttribute",
    };

    public static PortManifest Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"'{assemblyPath}' has no .NET metadata.");
        }

        var reader = pe.GetMetadataReader();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (!IsAttribute(reader, attribute, "System.Reflection", "AssemblyMetadataAttribute"))
            {
                continue;
            }

            var value = attribute.DecodeValue(StringOnlyTypeProvider.Instance);
            if (value.FixedArguments.Length == 2
                && value.FixedArguments[0].Value is string key
                && key.StartsWith(PortFileNames.MetadataPrefix, StringComparison.Ordinal))
            {
                files[key.Substring(PortFileNames.MetadataPrefix.Length)] = value.FixedArguments[1].Value as string ?? string.Empty;
            }
        }

        var usesKit = false;
        foreach (var handle in reader.CustomAttributes)
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (AttributeTypeName(reader, attribute) is ("Ocean.Authoring", var name) && DeclaringAttributes.Contains(name))
            {
                usesKit = true;
                break;
            }
        }

        return new PortManifest(files, usesKit);
    }

    private static bool IsAttribute(MetadataReader reader, CustomAttribute attribute, string ns, string name) =>
        AttributeTypeName(reader, attribute) is var (n, t) && n == ns && t == name;

    private static (string Namespace, string Name)? AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                type = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                break;
            case HandleKind.MethodDefinition:
                type = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                break;
            default:
                return null;
        }

        switch (type.Kind)
        {
            case HandleKind.TypeReference:
                var reference = reader.GetTypeReference((TypeReferenceHandle)type);
                return (reader.GetString(reference.Namespace), reader.GetString(reference.Name));
            case HandleKind.TypeDefinition:
                var definition = reader.GetTypeDefinition((TypeDefinitionHandle)type);
                return (reader.GetString(definition.Namespace), reader.GetString(definition.Name));
            default:
                return null;
        }
    }

    /// <summary>Decodes attribute signatures made of primitives; AssemblyMetadata has two strings.</summary>
    private sealed class StringOnlyTypeProvider : ICustomAttributeTypeProvider<object?>
    {
        public static readonly StringOnlyTypeProvider Instance = new();

        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode;

        public object? GetSystemType() => typeof(Type);

        public object? GetSZArrayType(object? elementType) => null;

        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => null;

        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;

        public object? GetTypeFromSerializedName(string name) => null;

        public PrimitiveTypeCode GetUnderlyingEnumType(object? type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(object? type) => type is Type;
    }
}
