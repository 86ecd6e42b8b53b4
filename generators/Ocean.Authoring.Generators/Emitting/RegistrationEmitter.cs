using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Compiling;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Generators.Emitting;

/// <summary>Emits the .port texts as assembly metadata, and the registration class the runtime starts from.</summary>
internal static class RegistrationEmitter
{
    public const string GeneratedNamespace = "Ocean.Authoring.Generated";
    public const string ClassName = "OceanIntegration";

    private static readonly string GeneratedCode =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"Ocean.Authoring.Generators\", \"{typeof(RegistrationEmitter).Assembly.GetName().Version}\")]";

    private static readonly string[] Naming = { "CamelCase", "SnakeCaseLower", "KebabCaseLower", "AsDeclared" };

    public static string EmitPortFiles(PortOutput output)
    {
        var w = Header();
        Metadata(w, PortFileNames.Spec, output.SpecYaml);
        Metadata(w, PortFileNames.Blueprints, output.BlueprintsJson);
        Metadata(w, PortFileNames.PortAppConfig, output.PortAppConfigYaml);
        return w.ToString();
    }

    private static void Metadata(IndentedWriter w, string path, string text) =>
        w.Line($"[assembly: global::System.Reflection.AssemblyMetadata({Literal(PortFileNames.MetadataPrefix + path)}, {Literal(text)})]");

    public static string EmitRegistration(RegistrationModel model) => EmitRegistration(model, CompiledMappings.Empty, CompiledReaders.Empty);

    public static string EmitRegistration(RegistrationModel model, CompiledMappings compiled, CompiledReaders readers)
    {
        var w = Header();
        w.Open($"namespace {GeneratedNamespace}");
        w.Line("/// <summary>The integration as declared with the Ocean.Authoring attributes: kinds, handlers, configuration and .port files.</summary>");
        w.Line(GeneratedCode);
        w.Open($"internal static class {ClassName}");
        var naming = model.KindJsonNaming >= 0 && model.KindJsonNaming < Naming.Length ? Naming[model.KindJsonNaming] : Naming[0];
        w.Line("/// <summary>JSON options for the kinds' raw items (the names the jq mappings read).</summary>");
        w.Line(model.KindJsonContextTypeName is { } context
            ? $"public static readonly global::System.Text.Json.JsonSerializerOptions KindJsonOptions = {context}.Default.Options;"
            : $"public static readonly global::System.Text.Json.JsonSerializerOptions KindJsonOptions = global::Ocean.Authoring.OceanJson.CreateKindOptions(global::Ocean.Authoring.KindJsonNaming.{naming});");
        w.Line();
        w.Line("private static global::Ocean.Authoring.IntegrationDefinition? s_definition;");
        w.Line();
        w.Line("/// <summary>The integration definition the runtime runs.</summary>");
        w.Line($"public static global::Ocean.Authoring.IntegrationDefinition Definition => s_definition ??= Create();");
        w.Line();
        w.Open("private static global::Ocean.Authoring.IntegrationDefinition Create()");
        w.Line("return new global::Ocean.Authoring.IntegrationDefinition(");
        w.Indent();
        w.Line($"{Literal(model.IntegrationType ?? string.Empty)},");
        w.Line($"global::Ocean.Authoring.PortFiles.FromAssembly(typeof({ClassName}).Assembly),");
        w.Line("new global::Ocean.Authoring.KindRegistration[]");
        w.Line("{");
        w.Indent();
        foreach (var kind in model.Kinds)
        {
            EmitKind(w, kind, compiled.Kind(kind.Kind), readers.Kind(kind.Kind));
        }

        w.Outdent();
        w.Line("},");
        if (model.ConfigTypeName is null)
        {
            w.Line("null,");
            w.Line("null);");
        }
        else
        {
            w.Line($"typeof({model.ConfigTypeName}),");
            w.Line("static lookup => BindConfig(lookup));");
        }

        w.Outdent();
        w.Close();

        if (model.ConfigTypeName is not null)
        {
            w.Line();
            EmitBinder(w, model);
        }

        w.Close();
        var blocks = compiled.Kinds.SelectMany(k => k.Resources.Select(r => r.Code)).ToList();
        if (readers.Code.Length > 0)
        {
            blocks.Add(readers.Code.Substring(1)); // it starts with the blank line that separates blocks
        }

        if (blocks.Count == 0)
        {
            w.Close();
            return w.ToString();
        }

        // The compiled default resources and the kinds' readers: file-local classes beside the registration that creates them.
        var sb = new System.Text.StringBuilder(w.ToString());
        foreach (var block in blocks)
        {
            sb.Append('\n');
            foreach (var line in block.Split('\n'))
            {
                if (line.Length > 0)
                {
                    sb.Append("    ").Append(line);
                }

                sb.Append('\n');
            }

            sb.Length--;
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static void EmitKind(IndentedWriter w, KindRegistrationModel kind, CompiledKindModel? compiled, CompiledReaderModel? reader)
    {
        w.Line($"new global::Ocean.Authoring.KindRegistration<{kind.TypeName}>(");
        w.Indent();
        w.Line($"{Literal(kind.Kind)},");
        w.Line($"global::Ocean.Authoring.OceanJson.TypeInfo<{kind.TypeName}>(KindJsonOptions),");
        var end = compiled is null && reader is null ? ")," : ",";
        if (kind.Handlers.Count == 0)
        {
            w.Line($"global::System.Array.Empty<global::Ocean.Authoring.ResyncHandler<{kind.TypeName}>>(){end}");
            EmitCompiled(w, kind, compiled, reader);
            w.Outdent();
            return;
        }

        w.Line($"new global::Ocean.Authoring.ResyncHandler<{kind.TypeName}>[]");
        w.Line("{");
        w.Indent();
        foreach (var handler in kind.Handlers)
        {
            var owner = handler.IsStatic
                ? handler.ContainingTypeName
                : $"global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.GetServiceOrCreateInstance<{handler.ContainingTypeName}>(services)";
            var arguments = string.Join(", ", handler.Parameters.Select(p => p == "ct" ? "cancellationToken" : "context"));
            var call = $"{owner}.{SymbolNames.Identifier(handler.MethodName)}({arguments})";
            var adapted = handler.Shape switch
            {
                HandlerShape.ItemStream => $"global::Ocean.Authoring.ResyncAdapters.FromItems({call}, cancellationToken: cancellationToken)",
                HandlerShape.TaskOfList => $"global::Ocean.Authoring.ResyncAdapters.FromTask<{handler.ListTypeName}, {kind.TypeName}>({call})",
                _ => $"global::Ocean.Authoring.ResyncAdapters.FromBatches<{kind.TypeName}>({call})",
            };
            w.Line($"static (services, context, cancellationToken) => {adapted},");
        }

        w.Outdent();
        w.Line("}" + end);
        EmitCompiled(w, kind, compiled, reader);
        w.Outdent();
    }

    private static void EmitCompiled(IndentedWriter w, KindRegistrationModel kind, CompiledKindModel? compiled, CompiledReaderModel? reader)
    {
        var end = reader is null ? ")," : ",";
        if (compiled is not null)
        {
            w.Line($"new global::Ocean.Authoring.Compiled.CompiledResource<{kind.TypeName}>[]");
            w.Line("{");
            w.Indent();
            foreach (var resource in compiled.Resources)
            {
                w.Line($"new {resource.ClassName}(),");
            }

            w.Outdent();
            w.Line("}" + end);
        }
        else if (reader is not null)
        {
            w.Line($"global::System.Array.Empty<global::Ocean.Authoring.Compiled.CompiledResource<{kind.TypeName}>>(),");
        }

        if (reader is null)
        {
            return;
        }

        if (reader.ClassName is { } className)
        {
            w.Line($"new {className}()),");
        }
        else
        {
            w.Line($"// No generated reader: {reader.Reason?.Replace('\n', ' ')}.");
            w.Line("null),");
        }
    }

    private static void EmitBinder(IndentedWriter w, RegistrationModel model)
    {
        var type = model.ConfigTypeName!;
        w.Line("/// <summary>Binds the configuration from <c>OCEAN__INTEGRATION__CONFIG__*</c> values, reporting every missing or malformed input.</summary>");
        w.Open($"public static global::Ocean.Authoring.ConfigBindingResult<{type}> BindConfig(global::System.Func<string, string?> lookup)");
        w.Line("var reader = new global::Ocean.Authoring.ConfigReader(lookup);");
        for (var i = 0; i < model.ConfigEntries.Count; i++)
        {
            var entry = model.ConfigEntries[i];
            var required = entry.Required ? "true" : "false";
            var method = entry.ReadMethod switch
            {
                "ReadEnum" or "ReadJson" => $"{entry.ReadMethod}<{entry.ValueTypeName}>",
                _ => entry.ReadMethod,
            };
            var defaultArgument = entry.DefaultLiteral is null ? string.Empty : ", " + entry.DefaultLiteral;
            w.Line($"var v{i} = reader.{method}({Literal(entry.EnvironmentName)}, required: {required}{defaultArgument});");
        }

        w.Open("if (reader.Errors.Count > 0)");
        w.Line($"return global::Ocean.Authoring.ConfigBindingResult<{type}>.Failure(reader.Errors);");
        w.Close();
        w.Line();
        w.Line($"return global::Ocean.Authoring.ConfigBindingResult<{type}>.Success(new {type}");
        w.Line("{");
        w.Indent();
        for (var i = 0; i < model.ConfigEntries.Count; i++)
        {
            var entry = model.ConfigEntries[i];
            var isValueRead = entry.ReadMethod is "ReadBoolean" or "ReadInt32" or "ReadInt64" or "ReadEnum";
            var value = entry.AssignNullable ? $"v{i}" : isValueRead ? $"v{i}.GetValueOrDefault()" : $"v{i}!";
            w.Line($"{SymbolNames.Identifier(entry.MemberName)} = {value},");
        }

        w.Outdent();
        w.Line("});");
        w.Close();
    }

    private static IndentedWriter Header()
    {
        var w = new IndentedWriter();
        w.Line("// <auto-generated/>");
        w.Line("#nullable enable");
        w.Line();
        return w;
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
