using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>How a program is compiled.</summary>
public sealed class JqCompileOptions
{
    /// <summary>Names of the <c>$variables</c> the caller will supply (as jq's <c>--arg</c>), without the <c>$</c>.</summary>
    public IReadOnlyList<string> VariableNames { get; init; } = Array.Empty<string>();

    /// <summary>Module search paths (<c>-L</c>), in order.</summary>
    public IReadOnlyList<string> LibraryPaths { get; init; } = Array.Empty<string>();

    /// <summary>The directory of the program file, for <c>get_prog_origin</c> and relative imports.</summary>
    public string? Origin { get; init; }
}

/// <summary>How one evaluation runs.</summary>
public sealed class JqEvaluationOptions
{
    /// <summary>Values of the variables named at compile time.</summary>
    public IReadOnlyDictionary<string, JqValue> Variables { get; init; } = new Dictionary<string, JqValue>();

    /// <summary><c>$ENV</c> / <c>env</c>; by default the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Steps (function calls and loop turns) before the evaluation fails; 0 for no limit.</summary>
    public long MaxSteps { get; init; }

    /// <summary>Wall-clock budget; null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancels the evaluation.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Where <c>input</c>/<c>inputs</c> read from.</summary>
    public IJqInputProvider? Inputs { get; init; }

    /// <summary>Receives <c>debug</c> messages.</summary>
    public Action<JqValue>? Debug { get; init; }

    /// <summary>Receives <c>stderr</c> output.</summary>
    public Action<JqValue>? Stderr { get; init; }

    /// <summary>The clock for <c>now</c>.</summary>
    public Func<DateTimeOffset>? Clock { get; init; }

    internal static readonly JqEvaluationOptions Default = new();
}

/// <summary>
/// A compiled jq program: parse and compile once, then evaluate any number of times, from any number of threads
/// (the compiled form is immutable; each evaluation has its own state).
/// </summary>
public sealed class JqProgram
{
    private readonly Op _root;
    private readonly string[] _globalNames;
    private readonly Dictionary<string, JqValue> _moduleData;
    private readonly ModuleResolver? _modules;

    private JqProgram(string text, Op root, string[] globalNames, Dictionary<string, JqValue> moduleData, JqCompileOptions options, ModuleResolver? modules)
    {
        Text = text;
        _root = root;
        _globalNames = globalNames;
        _moduleData = moduleData;
        LibraryPaths = options.LibraryPaths;
        Origin = options.Origin;
        _modules = modules;
    }

    /// <summary>The program text.</summary>
    public string Text { get; }

    /// <summary>The module search paths.</summary>
    public IReadOnlyList<string> LibraryPaths { get; }

    /// <summary>The program's directory, when it came from a file.</summary>
    public string? Origin { get; }

    /// <summary>Compiles <paramref name="program"/>.</summary>
    /// <exception cref="JqSyntaxException">It does not parse, or names something undefined; the exception says where.</exception>
    public static JqProgram Compile(string program, JqCompileOptions? options = null)
    {
        options ??= new JqCompileOptions();
        var node = Parser.Parse(program);
        var globals = new List<string> { "ENV" };
        globals.AddRange(options.VariableNames);
        var moduleData = new Dictionary<string, JqValue>();
        var modules = options.LibraryPaths.Count > 0 || options.Origin is not null ? new ModuleResolver(options.LibraryPaths, options.Origin) : null;
        var compiler = new Compiler(program, globals, modules, options.Origin, moduleData);
        var root = compiler.Compile(node, Builtins.LibraryScope);
        return new JqProgram(program, root, globals.ToArray(), moduleData, options, modules);
    }

    /// <summary>Runs the program on <paramref name="input"/>, passing each output to <paramref name="onOutput"/> until it returns false.</summary>
    /// <exception cref="JqRuntimeException">The program raised an error (outputs before it were delivered).</exception>
    public void Run(JqValue input, Func<JqValue, bool> onOutput, JqEvaluationOptions? options = null)
    {
        options ??= JqEvaluationOptions.Default;
        var ctx = new Ctx(this, options, Globals(options));
        try
        {
            _root.Run(ctx, null, input, new Emit(onOutput));
        }
        catch (BreakUnwind)
        {
            // A break out of a collected sub-evaluation with no label left: the program simply stops.
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JqLimitException("jq program recursion too deep");
        }
        catch (OutOfMemoryException)
        {
            // A single allocation too large for the process: the evaluation fails, the process goes on.
            throw new JqLimitException("jq program ran out of memory");
        }
    }

    /// <summary>All outputs of the program on <paramref name="input"/>.</summary>
    public IReadOnlyList<JqValue> Evaluate(JqValue input, JqEvaluationOptions? options = null)
    {
        var outputs = new List<JqValue>();
        Run(input, v =>
        {
            outputs.Add(v);
            return true;
        }, options);
        return outputs;
    }

    /// <summary>The first output, or null when there is none; evaluation stops after it.</summary>
    public JqValue? First(JqValue input, JqEvaluationOptions? options = null)
    {
        JqValue? first = null;
        Run(input, v =>
        {
            first = v;
            return false;
        }, options);
        return first;
    }

    private JqValue[]? _defaultGlobals;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<JqEvaluationOptions, JqValue[]> _globalsByOptions = new();

    private JqValue[] Globals(JqEvaluationOptions options)
    {
        // The globals depend only on the (immutable) options: computed once per options object, shared read-only.
        if (options.Variables.Count == 0 && options.Environment is null)
        {
            return _defaultGlobals ??= ComputeGlobals(options);
        }

        return _globalsByOptions.GetValue(options, ComputeGlobals);
    }

    private JqValue[] ComputeGlobals(JqEvaluationOptions options)
    {
        var values = new JqValue[_globalNames.Length];
        values[0] = EnvironmentObject(options.Environment);
        for (var i = 1; i < values.Length; i++)
        {
            if (options.Variables.TryGetValue(_globalNames[i], out var value) || _moduleData.TryGetValue(_globalNames[i], out value))
            {
                values[i] = value;
            }
        }

        return values;
    }

    private static JqValue _processEnvironment;

    private static JqValue EnvironmentObject(IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is null)
        {
            if (_processEnvironment.Type == JqType.Object)
            {
                return _processEnvironment;
            }

            var obj = new JqObject(64);
            foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            {
                obj.SetInPlace((string)entry.Key, JqValue.FromString((string?)entry.Value ?? string.Empty));
            }

            _processEnvironment = JqValue.FromObject(obj);
            return _processEnvironment;
        }

        var custom = new JqObject(environment.Count);
        foreach (var pair in environment)
        {
            custom.SetInPlace(pair.Key, JqValue.FromString(pair.Value));
        }

        return JqValue.FromObject(custom);
    }

    /// <summary>The value of a constant expression (module metadata).</summary>
    internal static JqValue EvaluateConstant(JqNode node)
    {
        var compiler = new Compiler(string.Empty, new List<string> { "ENV" }, null, null, new Dictionary<string, JqValue>());
        var op = compiler.Compile(node, Builtins.LibraryScope);
        var program = new JqProgram(string.Empty, op, new[] { "ENV" }, new Dictionary<string, JqValue>(), new JqCompileOptions(), null);
        return program.First(JqValue.Null) ?? JqValue.Null;
    }

    internal JqValue ModuleMetadata(string name)
    {
        if (_modules is null)
        {
            throw new JqRuntimeException($"module not found: {name}");
        }

        return _modules.Metadata(name);
    }
}

/// <summary>Finds modules on the search path as jq does: <c>name.jq</c>, or <c>name/name.jq</c> (last component), data in <c>.json</c>.</summary>
internal sealed class ModuleResolver : IModuleResolver
{
    private readonly IReadOnlyList<string> _paths;
    private readonly string? _origin;

    public ModuleResolver(IReadOnlyList<string> paths, string? origin)
    {
        _paths = paths;
        _origin = origin;
    }

    private string? Find(string path, string extension, string? relativeTo, IReadOnlyList<string> search)
    {
        var last = path.Split('/').Last();
        var roots = search.Select(r => Expand(r, relativeTo ?? _origin ?? Directory.GetCurrentDirectory())).Concat(_paths.Select(r => Expand(r, _origin ?? Directory.GetCurrentDirectory())));
        foreach (var root in roots)
        {
            foreach (var candidate in new[] { Path.Combine(root, path + extension), Path.Combine(root, path, last + extension) })
            {
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    // jq's substitutions: ~/ is the home directory, $ORIGIN/ the program's directory, ./ the importing file's directory.
    private static string Expand(string root, string relativeTo)
    {
        if (root.StartsWith("~/", StringComparison.Ordinal) || root == "~")
        {
            return Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), root.Length > 2 ? root.Substring(2) : string.Empty);
        }

        if (root.StartsWith("$ORIGIN/", StringComparison.Ordinal))
        {
            return Path.Combine(AppContext.BaseDirectory, root.Substring(8));
        }

        return Path.IsPathRooted(root) ? root : Path.Combine(relativeTo, root);
    }

    public string? ReadModule(string path, string? relativeTo, IReadOnlyList<string> search, out string? resolvedPath)
    {
        resolvedPath = Find(path, ".jq", relativeTo, search);
        return resolvedPath is null ? null : File.ReadAllText(resolvedPath);
    }

    public string? ReadData(string path, string? relativeTo, IReadOnlyList<string> search, out string? resolvedPath)
    {
        resolvedPath = Find(path, ".json", relativeTo, search);
        return resolvedPath is null ? null : File.ReadAllText(resolvedPath);
    }

    public JqValue Metadata(string name)
    {
        var text = ReadModule(name, null, Array.Empty<string>(), out _) ?? throw new JqRuntimeException($"module not found: {name}");
        var node = Parser.ParseModule(text);
        var result = new JqObject(4);
        var deps = new JqArrayBuilder();
        var defs = new JqArrayBuilder();
        while (true)
        {
            switch (node)
            {
                case ModuleNode module:
                    foreach (var pair in ConstantObject(module.Metadata).Object)
                    {
                        result.SetInPlace(pair.Key, pair.Value);
                    }

                    node = module.Rest;
                    continue;
                case ImportNode import:
                {
                    var dep = import.Metadata is null ? new JqObject(3) : ConstantObject(import.Metadata).Object.Copy(3);
                    if (import.Alias is { } alias)
                    {
                        dep.SetInPlace("as", JqValue.FromString(alias.TrimStart('$')));
                    }

                    dep.SetInPlace("is_data", JqValue.FromBoolean(import.Alias?.StartsWith("$", StringComparison.Ordinal) == true));
                    dep.SetInPlace("relpath", JqValue.FromString(string.Concat(import.Path.Parts.Select(p => p.Text))));
                    deps.Add(JqValue.FromObject(dep));
                    node = import.Rest;
                    continue;
                }

                case FunctionDefinitionNode def:
                    defs.Add(JqValue.FromString($"{def.Name}/{def.Parameters.Count}"));
                    node = def.Rest;
                    continue;
            }

            break;
        }

        result.SetInPlace("deps", deps.ToValue());
        result.SetInPlace("defs", defs.ToValue());
        return JqValue.FromObject(result);
    }

    private static JqValue ConstantObject(JqNode node)
    {
        return JqProgram.EvaluateConstant(node);
    }
}
