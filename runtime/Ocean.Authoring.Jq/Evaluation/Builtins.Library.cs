namespace Ocean.Authoring.Jq.Evaluation;

internal static partial class Builtins
{
    /// <summary>The builtins written in jq itself (compiled once; C# builtins cover the rest).</summary>
    private const string LibrarySource = """
        def error(msg): msg | error;
        def abs: if . < 0 then - . else . end;
        def values: select(. != null);
        def nulls: select(. == null);
        def booleans: select(type == "boolean");
        def numbers: select(type == "number");
        def strings: select(type == "string");
        def arrays: select(type == "array");
        def objects: select(type == "object");
        def iterables: select(type | . == "array" or . == "object");
        def scalars: select(type | . != "array" and . != "object");
        def isfinite: type == "number" and (isinfinite | not);
        def finites: select(isfinite);
        def normals: select(isnormal);
        def map(f): [.[] | f];
        def map_values(f): .[] |= f;
        def recurse: recurse(.[]?);
        def recurse(f; cond): recurse(f | select(cond));
        def from_entries:
          map({ (.key // .Key // .name // .Name): (if has("value") then .value else .Value end) })
          | add // {};
        def with_entries(f): to_entries | map(f) | from_entries;
        def add(f): reduce f as $x (null; . + $x);
        def any(generator; condition): isempty(generator | condition or empty) | not;
        def any(condition): any(.[]; condition);
        def any: any(.[]; .);
        def all(generator; condition): isempty(generator | condition and empty);
        def all(condition): all(.[]; condition);
        def all: all(.[]; .);
        def in(xs): . as $x | xs | has($x);
        def inside(xs): . as $x | xs | contains($x);
        def combinations:
          if length == 0 then []
          else .[0][] as $x | (.[1:] | combinations) as $rest | [$x] + $rest
          end;
        def combinations(n): . as $dot | [range(n) | $dot] | combinations;
        def walk(f):
          def w: if type == "object" then map_values(w) elif type == "array" then map(w) else . end | f;
          w;
        def first: .[0];
        def last: .[-1];
        def nth($n): .[$n];
        def nth($n; g): if $n < 0 then error("nth doesn't support negative indices") else first(skip($n; g)) end;
        def while(cond; update): def w: if cond then ., (update | w) else empty end; w;
        def repeat(f): def r: f, r; r;
        def paths: path(recurse) | select(length > 0);
        def paths(node_filter): path(recurse | select(node_filter)) | select(length > 0);
        def del(f): delpaths([path(f)]);
        def pick(pathexps): . as $top | reduce path(pathexps) as $p (null; setpath($p; $top | getpath($p)));
        def debug(msgs): (msgs | debug | empty), .;
        def todateiso8601: strftime("%Y-%m-%dT%H:%M:%SZ");
        def todate: todateiso8601;
        def fromdateiso8601: strptime("%Y-%m-%dT%H:%M:%SZ") | mktime;
        def fromdate: fromdateiso8601;
        def IN(s): any(s == .; .);
        def IN(src; s): any(src == s; .);
        def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row | idx_expr | tostring] = $row);
        def INDEX(idx_expr): INDEX(.[]; idx_expr);
        def JOIN($idx; idx_expr): [.[] | [., $idx[idx_expr]]];
        def JOIN($idx; stream; idx_expr): stream | [., $idx[idx_expr]];
        def JOIN($idx; stream; idx_expr; join_expr): stream | [., $idx[idx_expr]] | join_expr;
        def tostream: path(def r: (.[]? | r), .; r) as $p | getpath($p) | reduce path(.[]?) as $q ([$p, .]; [$p + $q]);
        def fromstream(f):
          { x: null, e: false } as $init
          | foreach f as $i ($init;
              if .e then $init else . end
              | if $i | length == 2
                then setpath(["e"]; $i[0] | length == 0) | setpath(["x"] + $i[0]; $i[1])
                else setpath(["e"]; $i[0] | length == 1)
                end;
              if .e then .x else empty end);
        def truncate_stream(stream): . as $n | null | stream | . as $input | if (.[0] | length) > $n then setpath([0]; $input[0][$n:]) else empty end;
        def inputs: try repeat(input) catch if . == "break" then empty else error end;
        def env: $ENV;
        def halt_error: halt_error(5);
        def trimstr($val): ltrimstr($val) | rtrimstr($val);
        def transpose: [range(0; map(length) | max // 0) as $i | [.[][$i]]];
        .
        """;
}
