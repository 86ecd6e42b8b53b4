using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>A kind's generated reader: its class name, or why it has none.</summary>
internal sealed record CompiledReaderModel(string Kind, string? ClassName, string? Reason);

/// <summary>What the emitter writes for the generated readers: one entry per kind, and the classes' code.</summary>
internal sealed record CompiledReaders(EquatableArray<CompiledReaderModel> Kinds, string Code)
{
    public static readonly CompiledReaders Empty = new(EquatableArray<CompiledReaderModel>.Empty, string.Empty);

    public CompiledReaderModel? Kind(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind);
}

/// <summary>
/// Writes the kinds' readers (see <see cref="ReaderBuilder"/>): a <c>CompiledReader&lt;T&gt;</c> per kind that has one,
/// and one file-local class with a method per object type that reads it from a <c>Utf8JsonReader</c> and gives up
/// (returns false) on anything it does not mirror, so that System.Text.Json reads the value instead.
/// </summary>
internal static class ReaderCompiler
{
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Token = "global::System.Text.Json.JsonTokenType";
    private const string Context = "global::Ocean.Authoring.Compiled.CompiledReaderContext";
    private const string Reads = "KindReads";

    public static CompiledReaders Compile(RegistrationModel registration, ReadViewTable table, CancellationToken cancellationToken)
    {
        var kinds = new List<CompiledReaderModel>();
        var sb = new StringBuilder();
        var used = new SortedSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < registration.Kinds.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kind = registration.Kinds[i];
            var view = table.Kind(kind.TypeName);
            if (view?.TypeId is not { } id)
            {
                kinds.Add(new CompiledReaderModel(kind.Kind, null, view?.Reason ?? table.Reason ?? "the kind type was not read"));
                continue;
            }

            var className = "KindReader" + i;
            kinds.Add(new CompiledReaderModel(kind.Kind, className, null));
            var reached = Reached(table, id);
            used.UnionWith(reached);
            sb.Append('\n');
            sb.Append($"/// <summary>Reads kind {Escape(kind.Kind)} as System.Text.Json does with the KindJsonContext, straight from the UTF-8 JSON.</summary>\n");
            sb.Append($"file sealed class {className} : global::Ocean.Authoring.Compiled.CompiledReader<{kind.TypeName}>\n{{\n");
            sb.Append("    protected override bool Mirrors(global::System.Text.Json.JsonSerializerOptions options) =>\n");
            var checks = reached.Select(t => table.Type(t)!).Select(t =>
                $"Matches(options, typeof({t.Id}){string.Concat(t.Members.Select(m => ", " + Quote(m.JsonName)))})")
                .Concat(Collections(table, reached).Select(c => $"Unconverted(options, typeof({c}))"));
            sb.Append("        ").Append(string.Join("\n        && ", checks)).Append(";\n\n");
            sb.Append($"    protected override bool TryRead(ref {Reader} reader, {Context} context, out {kind.TypeName}? value) =>\n");
            sb.Append($"        {Reads}.{MethodName(table, id)}(ref reader, context, out value);\n");
            sb.Append("}\n");
        }

        if (used.Count > 0)
        {
            sb.Append('\n');
            sb.Append("/// <summary>Reads the kinds' object types; false gives the value up to System.Text.Json.</summary>\n");
            sb.Append($"file static class {Reads}\n{{\n");
            var first = true;
            foreach (var id in used)
            {
                if (!first)
                {
                    sb.Append('\n');
                }

                first = false;
                sb.Append(new TypeWriter(table, table.Type(id)!).Write());
            }

            sb.Append("}\n");
        }

        return new CompiledReaders(kinds.ToEquatableArray(), sb.ToString());
    }

    /// <summary>The object types read from <paramref name="id"/> (itself included), in id order.</summary>
    private static List<string> Reached(ReadViewTable table, string id)
    {
        var found = new SortedSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(id);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!found.Add(current) || table.Type(current) is not { } type)
            {
                continue;
            }

            foreach (var member in type.Members)
            {
                for (var value = member.Value; value is not null; value = value.Element)
                {
                    if (value.TypeId is { } next)
                    {
                        pending.Push(next);
                    }
                }
            }
        }

        return found.ToList();
    }

    /// <summary>The collection types the object types read (their converters must be System.Text.Json's own).</summary>
    private static IEnumerable<string> Collections(ReadViewTable table, List<string> types)
    {
        var found = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var id in types)
        {
            foreach (var member in table.Type(id)!.Members)
            {
                for (var value = member.Value; value is not null; value = value.Element)
                {
                    if (value.Kind is ReadKind.List or ReadKind.Array)
                    {
                        found.Add(value.TypeOfName);
                    }
                }
            }
        }

        return found;
    }

    private static string MethodName(ReadViewTable table, string id)
    {
        var index = 0;
        foreach (var type in table.Types)
        {
            if (type.Id == id)
            {
                return "Read" + index;
            }

            index++;
        }

        throw new System.InvalidOperationException("No read view for " + id);
    }

    private static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private sealed class TypeWriter
    {
        private readonly ReadViewTable _table;
        private readonly ReadType _type;
        private readonly CodeWriter _w = new(1);
        private int _temporaries;

        public TypeWriter(ReadViewTable table, ReadType type)
        {
            _table = table;
            _type = type;
        }

        public string Write()
        {
            var name = MethodName(_table, _type.Id);
            var members = _type.Members;
            _w.Line($"/// <summary>Reads a {Escape(_type.Id)}.</summary>");
            _w.Open($"public static bool {name}(ref {Reader} reader, {Context} context, out {_type.Id}? value)");
            _w.Line("value = null;");
            _w.Open($"if (reader.TokenType == {Token}.Null)");
            _w.Jump("return true;");
            _w.Close();
            _w.Line(string.Empty);
            _w.Open($"if (reader.TokenType != {Token}.StartObject)");
            _w.Jump("return false;");
            _w.Close();
            _w.Line(string.Empty);
            for (var i = 0; i < members.Count; i++)
            {
                _w.Line($"{Local(members[i].Value)} m{i} = default;");
            }

            var words = (members.Count + 63) / 64;
            for (var i = 0; i < words; i++)
            {
                _w.Line($"ulong seen{i} = 0;");
            }

            _w.Open("while (true)");
            _w.Open("if (!reader.Read())");
            _w.Jump("return false;");
            _w.Close();
            _w.Line(string.Empty);
            _w.Open($"if (reader.TokenType == {Token}.EndObject)");
            _w.Jump("break;");
            _w.Close();
            _w.Line(string.Empty);
            if (members.Count == 0)
            {
                _w.Open("if (!reader.TrySkip())");
                _w.Jump("return false;");
                _w.Close();
            }
            else
            {
                _w.Line($"var member = Match{name.Substring(4)}(ref reader);");
                _w.Open("if (member < 0)");
                _w.Open("if (!reader.TrySkip())");
                _w.Jump("return false;");
                _w.Close();
                _w.Line(string.Empty);
                _w.Jump("continue;");
                _w.Close();
                _w.Line(string.Empty);
                _w.Open("if (!reader.Read())");
                _w.Jump("return false;");
                _w.Close();
                _w.Line(string.Empty);
                _w.Open("switch (member)");
                for (var i = 0; i < members.Count; i++)
                {
                    _w.Open($"case {i}:");
                    var bit = Bit(i);
                    _w.Open($"if ((seen{i / 64} & {bit}) != 0)");
                    _w.Jump("return false; // a duplicate: System.Text.Json decides");
                    _w.Close();
                    _w.Line(string.Empty);
                    _w.Line($"seen{i / 64} |= {bit};");
                    Read(members[i].Value, $"m{i}", 0);
                    _w.Line(string.Empty);
                    _w.Jump("break;");
                    _w.Close(jumpedAfter: true);
                }

                _w.Close();
            }

            _w.Close();
            _w.Line(string.Empty);
            for (var word = 0; word < words; word++)
            {
                ulong required = 0;
                for (var i = word * 64; i < members.Count && i < word * 64 + 64; i++)
                {
                    if (members[i].Required)
                    {
                        required |= 1UL << (i % 64);
                    }
                }

                if (required != 0)
                {
                    _w.Open($"if ((seen{word} & 0x{required:X}UL) != 0x{required:X}UL)");
                    _w.Jump("return false; // a required member is missing");
                    _w.Close();
                    _w.Line(string.Empty);
                }
            }

            var arguments = new string[_type.ParameterCount];
            var initializer = new List<string>();
            var assigned = new List<int>();
            for (var i = 0; i < members.Count; i++)
            {
                var member = members[i];
                if (member.ParameterIndex >= 0)
                {
                    arguments[member.ParameterIndex] = member.ParameterDefault is { } fallback
                        ? $"(seen{i / 64} & {Bit(i)}) != 0 ? {Use(member.Value, i)} : {fallback}"
                        : Use(member.Value, i);
                }
                else if (member.InInitializer)
                {
                    initializer.Add($"{member.CSharpName} = {Use(member.Value, i)},");
                }
                else
                {
                    assigned.Add(i);
                }
            }

            var construction = $"value = new {_type.Id}({string.Join(", ", arguments)})";
            if (initializer.Count == 0)
            {
                _w.Line(construction + ";");
            }
            else
            {
                _w.Line(construction);
                _w.Line("{");
                foreach (var line in initializer)
                {
                    _w.Line("    " + line);
                }

                _w.Line("};");
            }

            foreach (var i in assigned)
            {
                _w.Open($"if ((seen{i / 64} & {Bit(i)}) != 0)");
                _w.Line($"value.{members[i].CSharpName} = {Use(members[i].Value, i)};");
                _w.Close();
            }

            _w.Line(string.Empty);
            _w.Jump("return true;");
            _w.Close();
            if (members.Count > 0)
            {
                _w.Line(string.Empty);
                Match(name.Substring(4));
            }

            // Blank lines carry no indentation.
            return string.Concat(_w.Lines.Select(l => (l.Trim().Length == 0 ? string.Empty : l) + "\n"));
        }

        private void Match(string index)
        {
            var members = _type.Members;
            _w.Open($"private static int Match{index}(ref {Reader} reader)");
            _w.Open("if (!reader.ValueIsEscaped && !reader.HasValueSequence)");
            _w.Line("var name = reader.ValueSpan;");
            _w.Open("switch (name.Length)");
            var byLength = members.Select((m, i) => (Member: m, Index: i))
                .GroupBy(m => Encoding.UTF8.GetByteCount(m.Member.JsonName))
                .OrderBy(g => g.Key);
            foreach (var group in byLength)
            {
                _w.Open($"case {group.Key}:");
                foreach (var (member, i) in group)
                {
                    _w.Open($"if (global::System.MemoryExtensions.SequenceEqual(name, {Quote(member.JsonName)}u8))");
                    _w.Jump($"return {i};");
                    _w.Close();
                    _w.Line(string.Empty);
                }

                _w.Jump("return -1;");
                _w.Close(jumpedAfter: true);
            }

            _w.Open("default:");
            _w.Jump("return -1;");
            _w.Close(jumpedAfter: true);
            _w.Close(jumpedAfter: true);
            _w.Close();
            _w.Line(string.Empty);
            for (var i = 0; i < members.Count; i++)
            {
                _w.Open($"if (reader.ValueTextEquals({Quote(members[i].JsonName)}u8))");
                _w.Jump($"return {i};");
                _w.Close();
                _w.Line(string.Empty);
            }

            _w.Jump("return -1;");
            _w.Close();
        }

        private static string Bit(int index) => $"0x{1UL << (index % 64):X}UL";

        /// <summary>The type of a local that holds the value (null when absent).</summary>
        private static string Local(ReadValue value) => value.IsValueType && !value.IsNullableValueType ? value.CSharpType : value.CSharpType + "?";

        /// <summary>A local holding the value, as the member's type.</summary>
        private static string Use(ReadValue value, int index) => value.IsValueType ? $"m{index}" : $"m{index}!";

        private static string DelegateType(ReadValue value) => value.IsNullableValueType ? value.CSharpType + "?" : value.CSharpType;

        /// <summary>Reads the value whose first token the reader is at into <paramref name="target"/>, or returns false.</summary>
        private void Read(ReadValue value, string target, int depth)
        {
            var (flag, token, method) = value.Kind switch
            {
                ReadKind.String => ("String", "String", null),
                ReadKind.Boolean => ("Boolean", null, null),
                ReadKind.Int32 => ("Int32", "Number", "TryGetInt32"),
                ReadKind.Int64 => ("Int64", "Number", "TryGetInt64"),
                ReadKind.Double => ("Double", "Number", "TryGetDouble"),
                ReadKind.Decimal => ("Decimal", "Number", "TryGetDecimal"),
                ReadKind.DateTimeOffset => ("DateTimeOffset", "String", "TryGetDateTimeOffset"),
                ReadKind.DateTime => ("DateTime", "String", "TryGetDateTime"),
                ReadKind.Guid => ("Guid", "String", "TryGetGuid"),
                _ => ((string?)null, (string?)null, (string?)null),
            };

            switch (value.Kind)
            {
                case ReadKind.Delegated:
                    _w.Line($"{target} = context.Delegate<{DelegateType(value)}>(ref reader);");
                    return;
                case ReadKind.Object:
                    _w.Open($"if (!{MethodName(_table, value.TypeId!)}(ref reader, context, out {target}))");
                    _w.Jump("return false;");
                    _w.Close();
                    return;
                case ReadKind.List:
                case ReadKind.Array:
                    Collection(value, target, depth);
                    return;
            }

            var nullable = !value.IsValueType || value.IsNullableValueType;
            _w.Open($"if (!context.{flag})");
            _w.Line($"{target} = context.Delegate<{DelegateType(value)}>(ref reader);");
            _w.Close();
            if (value.Kind == ReadKind.String)
            {
                _w.Open($"else if (reader.TokenType == {Token}.String)");
                _w.Line($"{target} = {Context}.ReadString(ref reader);");
                _w.Close();
            }
            else if (value.Kind == ReadKind.Boolean)
            {
                _w.Open($"else if (reader.TokenType == {Token}.True)");
                _w.Line($"{target} = true;");
                _w.Close();
                _w.Open($"else if (reader.TokenType == {Token}.False)");
                _w.Line($"{target} = false;");
                _w.Close();
            }
            else
            {
                var temporary = "t" + _temporaries++;
                _w.Open($"else if (reader.TokenType == {Token}.{token} && reader.{method}(out var {temporary}))");
                _w.Line($"{target} = {temporary};");
                _w.Close();
            }

            if (nullable)
            {
                _w.Open($"else if (reader.TokenType == {Token}.Null)");
                _w.Line($"{target} = null;");
                _w.Close();
            }

            _w.Open("else");
            _w.Jump("return false;");
            _w.Close();
        }

        private void Collection(ReadValue value, string target, int depth)
        {
            var element = value.Element!;
            var list = "list" + depth;
            var item = "item" + depth;
            _w.Open($"if (reader.TokenType == {Token}.Null)");
            _w.Line($"{target} = null;");
            _w.Close();
            _w.Open($"else if (reader.TokenType != {Token}.StartArray)");
            _w.Jump("return false;");
            _w.Close();
            _w.Open("else");
            _w.Line($"var {list} = new global::System.Collections.Generic.List<{element.Declared}>();");
            _w.Open("while (true)");
            _w.Open("if (!reader.Read())");
            _w.Jump("return false;");
            _w.Close();
            _w.Line(string.Empty);
            _w.Open($"if (reader.TokenType == {Token}.EndArray)");
            _w.Jump("break;");
            _w.Close();
            _w.Line(string.Empty);
            _w.Line($"{Local(element)} {item} = default;");
            Read(element, item, depth + 1);
            _w.Line($"{list}.Add({item}{(element.IsValueType ? string.Empty : "!")});");
            _w.Close();
            _w.Line(string.Empty);
            _w.Line($"{target} = {list}{(value.Kind == ReadKind.Array ? ".ToArray()" : string.Empty)};");
            _w.Close();
        }
    }
}
