// Linked into the runtime, the generator and the MSBuild task: the one place that names the .port files and
// the assembly metadata keys that carry their text from the compiler to the build.
namespace Ocean.Authoring
{
    internal static class PortFileNames
    {
        /// <summary>Prefix of the <c>AssemblyMetadata</c> keys; the rest of the key is the file's path under the project.</summary>
        public const string MetadataPrefix = "Ocean.Authoring.PortFile:";

        public const string Spec = ".port/spec.yaml";
        public const string Blueprints = ".port/resources/blueprints.json";
        public const string PortAppConfig = ".port/resources/port-app-config.yaml";

        public static readonly string[] All = { Spec, Blueprints, PortAppConfig };
    }
}
