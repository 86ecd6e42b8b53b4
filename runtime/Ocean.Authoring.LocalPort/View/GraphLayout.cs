namespace Ocean.Authoring.LocalPort.View;

/// <summary>A node to lay out: its key and how much room it takes.</summary>
/// <param name="Key">The node's unique key (a blueprint identifier).</param>
internal sealed record LayoutNodeInput(string Key);

/// <summary>A directed edge to lay out, from node <paramref name="From"/> to node <paramref name="To"/> (keys; equal for a self edge).</summary>
/// <param name="From">The source node's key.</param>
/// <param name="To">The target node's key.</param>
/// <param name="LabelWidth">The width of the edge's label, for keeping labels apart.</param>
internal sealed record LayoutEdgeInput(string From, string To, double LabelWidth = 120);

/// <summary>A point on the canvas.</summary>
/// <param name="X">Left to right.</param>
/// <param name="Y">Top to bottom.</param>
internal readonly record struct LayoutPoint(double X, double Y);

/// <summary>A placed node: its box and where it sits in the layering.</summary>
/// <param name="Key">The node's key.</param>
/// <param name="Layer">The column (0 is leftmost).</param>
/// <param name="Order">The position within the column (0 is topmost).</param>
/// <param name="X">The box's left.</param>
/// <param name="Y">The box's top.</param>
/// <param name="Width">The box's width.</param>
/// <param name="Height">The box's height.</param>
internal sealed record PlacedNode(string Key, int Layer, int Order, double X, double Y, double Width, double Height);

/// <summary>
/// A routed edge: the points from the source's side to the target's side (through one waypoint per column it crosses),
/// whether the layering had to reverse it to break a cycle, and where its label goes.
/// </summary>
/// <param name="Index">The edge's index in the input.</param>
/// <param name="From">The source node's key.</param>
/// <param name="To">The target node's key.</param>
/// <param name="Points">The route, source end first; for a self edge, a loop over the node's top.</param>
/// <param name="Reversed">Whether the edge points against the layering (right to left) because it closes a cycle.</param>
/// <param name="SelfLoop">Whether the edge starts and ends at the same node.</param>
/// <param name="Label">The centre of the edge's label.</param>
internal sealed record RoutedEdge(int Index, string From, string To, IReadOnlyList<LayoutPoint> Points, bool Reversed, bool SelfLoop, LayoutPoint Label);

/// <summary>The sizes the layout works with.</summary>
internal sealed record LayoutMetrics
{
    /// <summary>A node's width.</summary>
    public double NodeWidth { get; init; } = 200;

    /// <summary>A node's height.</summary>
    public double NodeHeight { get; init; } = 70;

    /// <summary>The horizontal gap between columns (room for edge labels).</summary>
    public double ColumnGap { get; init; } = 190;

    /// <summary>The vertical gap between the items of a column.</summary>
    public double RowGap { get; init; } = 40;

    /// <summary>The room a long edge's waypoint takes in a column it crosses.</summary>
    public double WaypointHeight { get; init; } = 18;

    /// <summary>The room above a node per self edge it has.</summary>
    public double SelfLoopStep { get; init; } = 18;

    /// <summary>The canvas margin.</summary>
    public double Margin { get; init; } = 24;

    /// <summary>A label's height, for spacing labels apart.</summary>
    public double LabelHeight { get; init; } = 16;
}

/// <summary>
/// A deterministic layered (Sugiyama-style) layout of a directed multigraph, computed server-side for the blueprint graph:
/// <list type="number">
/// <item>cycles are broken with the Eades–Lin–Smyth greedy order (sinks last, sources first, else the node with the most
/// outgoing minus incoming edges; ties by key, ordinal), and the edges pointing backwards in that order are reversed for
/// layering only; self edges are left out and drawn as loops;</item>
/// <item>each node's column is its longest path from a source (sources with successors are then pulled right, next to their
/// nearest successor, to shorten edges);</item>
/// <item>an edge spanning several columns gets a waypoint in each column it crosses, so it passes between nodes;</item>
/// <item>the order within columns is improved by barycentre sweeps, keeping the ordering with the fewest crossings;</item>
/// <item>columns are stacked top-down and centred; edge ends are spread along the node's sides, sorted by where the edge
/// goes, so parallel edges stay apart; a label goes on its edge's first curve (the one leaving the relation's source), at
/// the middle or, when that spot is taken, a little further along or back; failing all, it is nudged down until free.</item>
/// </list>
/// The same input always gives the same output (everything iterates in input or key order).
/// </summary>
internal sealed class GraphLayout
{
    private GraphLayout(IReadOnlyList<PlacedNode> nodes, IReadOnlyList<RoutedEdge> edges, double width, double height)
    {
        Nodes = nodes;
        Edges = edges;
        Width = width;
        Height = height;
    }

    /// <summary>The placed nodes, in the order of the keys (ordinal).</summary>
    public IReadOnlyList<PlacedNode> Nodes { get; }

    /// <summary>The routed edges, in input order.</summary>
    public IReadOnlyList<RoutedEdge> Edges { get; }

    /// <summary>The canvas width.</summary>
    public double Width { get; }

    /// <summary>The canvas height.</summary>
    public double Height { get; }

    /// <summary>Lays out <paramref name="nodes"/> and <paramref name="edges"/> (edges whose ends are not nodes are left out).</summary>
    public static GraphLayout Compute(IReadOnlyList<LayoutNodeInput> nodes, IReadOnlyList<LayoutEdgeInput> edges, LayoutMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var m = metrics ?? new LayoutMetrics();
        var keys = nodes.Select(n => n.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            index[keys[i]] = i;
        }

        var n = keys.Length;
        var links = new List<(int Edge, int From, int To)>();
        var selfLoops = new int[n];
        for (var e = 0; e < edges.Count; e++)
        {
            if (!index.TryGetValue(edges[e].From, out var from) || !index.TryGetValue(edges[e].To, out var to))
            {
                continue;
            }

            if (from == to)
            {
                selfLoops[from]++;
            }
            else
            {
                links.Add((e, from, to));
            }
        }

        // 1. Break cycles: a linear order in which most edges point forward.
        var position = GreedyOrder(n, links);
        var dag = links.Select(l => position[l.From] < position[l.To] ? (l.Edge, l.From, l.To, Reversed: false) : (l.Edge, From: l.To, To: l.From, Reversed: true)).ToList();

        // 2. Columns: longest path from a source, in the greedy order (a topological order of the DAG).
        var layer = new int[n];
        var byPosition = Enumerable.Range(0, n).OrderBy(v => position[v]).ToArray();
        var predecessors = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var successors = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var (_, from, to, _) in dag)
        {
            predecessors[to].Add(from);
            successors[from].Add(to);
        }

        foreach (var v in byPosition)
        {
            layer[v] = predecessors[v].Count == 0 ? 0 : predecessors[v].Max(p => layer[p] + 1);
        }

        foreach (var v in Enumerable.Reverse(byPosition))
        {
            if (predecessors[v].Count == 0 && successors[v].Count > 0)
            {
                layer[v] = Math.Max(layer[v], successors[v].Min(s => layer[s]) - 1);
            }
        }

        var layerCount = n == 0 ? 0 : layer.Max() + 1;

        // 3. Waypoints: a chain of items per DAG edge, one item per column.
        // Items 0..n-1 are the nodes; each waypoint is a further item.
        var itemLayer = new List<int>(layer);
        var itemIsNode = new List<bool>(Enumerable.Repeat(true, n));
        var chains = new Dictionary<int, List<int>>();
        var up = new List<List<int>>(Enumerable.Range(0, n).Select(_ => new List<int>()));
        var down = new List<List<int>>(Enumerable.Range(0, n).Select(_ => new List<int>()));
        foreach (var (edge, from, to, _) in dag)
        {
            var chain = new List<int> { from };
            for (var l = layer[from] + 1; l < layer[to]; l++)
            {
                var item = itemLayer.Count;
                itemLayer.Add(l);
                itemIsNode.Add(false);
                up.Add(new List<int>());
                down.Add(new List<int>());
                chain.Add(item);
            }

            chain.Add(to);
            for (var i = 0; i + 1 < chain.Count; i++)
            {
                down[chain[i]].Add(chain[i + 1]);
                up[chain[i + 1]].Add(chain[i]);
            }

            chains[edge] = chain;
        }

        // 4. Order within columns.
        var columns = Enumerable.Range(0, layerCount).Select(_ => new List<int>()).ToArray();
        for (var item = 0; item < itemLayer.Count; item++)
        {
            columns[itemLayer[item]].Add(item); // nodes first by key, then waypoints by edge order
        }

        Reorder(columns, up, down);

        // 5. Coordinates.
        var itemY = new double[itemLayer.Count];
        var itemHeight = new double[itemLayer.Count];
        var itemTop = new double[itemLayer.Count]; // room above the item (self loops)
        var columnHeights = new double[layerCount];
        for (var l = 0; l < layerCount; l++)
        {
            double y = 0;
            for (var k = 0; k < columns[l].Count; k++)
            {
                var item = columns[l][k];
                var isNode = itemIsNode[item];
                itemTop[item] = isNode && selfLoops[item] > 0 ? 14 + (m.SelfLoopStep * selfLoops[item]) : 0;
                itemHeight[item] = isNode ? m.NodeHeight : m.WaypointHeight;
                y += (k == 0 ? 0 : m.RowGap) + itemTop[item];
                itemY[item] = y;
                y += itemHeight[item];
            }

            columnHeights[l] = y;
        }

        var maxHeight = layerCount == 0 ? 0 : columnHeights.Max();
        for (var l = 0; l < layerCount; l++)
        {
            var shift = m.Margin + ((maxHeight - columnHeights[l]) / 2);
            foreach (var item in columns[l])
            {
                itemY[item] += shift;
            }
        }

        double ColumnX(int l) => m.Margin + (l * (m.NodeWidth + m.ColumnGap));
        var placed = new PlacedNode[n];
        for (var v = 0; v < n; v++)
        {
            placed[v] = new PlacedNode(keys[v], layer[v], columns[layer[v]].IndexOf(v), ColumnX(layer[v]), itemY[v], m.NodeWidth, m.NodeHeight);
        }

        LayoutPoint Centre(int item) => new(ColumnX(itemLayer[item]) + (m.NodeWidth / 2), itemY[item] + (itemHeight[item] / 2));

        // 6. Edge ends, spread along each node's left (incoming in DAG terms) and right (outgoing) side.
        var rightEnds = Enumerable.Range(0, n).Select(_ => new List<(int Edge, double Toward)>()).ToArray();
        var leftEnds = Enumerable.Range(0, n).Select(_ => new List<(int Edge, double Toward)>()).ToArray();
        foreach (var (edge, from, to, _) in dag)
        {
            var chain = chains[edge];
            rightEnds[from].Add((edge, Centre(chain[1]).Y));
            leftEnds[to].Add((edge, Centre(chain[^2]).Y));
        }

        var rightY = new Dictionary<int, double>();
        var leftY = new Dictionary<int, double>();
        for (var v = 0; v < n; v++)
        {
            Spread(rightEnds[v], placed[v], rightY);
            Spread(leftEnds[v], placed[v], leftY);
        }

        // 7. Routes and labels.
        var routed = new RoutedEdge?[edges.Count];
        var labels = new List<(double X, double Y, double Width)>();
        foreach (var (edge, from, to, reversed) in dag)
        {
            var chain = chains[edge];
            var points = new List<LayoutPoint> { new(placed[from].X + m.NodeWidth, rightY[edge]) };
            for (var i = 1; i + 1 < chain.Count; i++)
            {
                var c = Centre(chain[i]);
                points.Add(new LayoutPoint(c.X - (m.NodeWidth / 2), c.Y));
                points.Add(new LayoutPoint(c.X + (m.NodeWidth / 2), c.Y));
            }

            points.Add(new LayoutPoint(placed[to].X, leftY[edge]));
            if (reversed)
            {
                points.Reverse();
            }

            // The label sits on the curve leaving the relation's source (the first gap the edge crosses from its start).
            var label = PlaceOnCurve(labels, points[0], points[1], edges[edge].LabelWidth, m.LabelHeight);
            routed[edge] = new RoutedEdge(edge, keys[reversed ? to : from], keys[reversed ? from : to], points, reversed, false, label);
        }

        var loopsDone = new int[n];
        for (var e = 0; e < edges.Count; e++)
        {
            if (routed[e] is not null || !index.TryGetValue(edges[e].From, out var v) || !index.TryGetValue(edges[e].To, out var w) || v != w)
            {
                continue;
            }

            var k = loopsDone[v]++;
            var node = placed[v];
            var rise = 12 + (m.SelfLoopStep * (k + 1));
            var x1 = node.X + (node.Width * 0.58) - (k * 8);
            var x2 = node.X + (node.Width * 0.86) + (k * 8);
            var points = new List<LayoutPoint>
            {
                new(x1, node.Y),
                new(x1, node.Y - rise),
                new(x2, node.Y - rise),
                new(x2, node.Y),
            };
            var label = Place(labels, new LayoutPoint((x1 + x2) / 2, node.Y - rise), edges[e].LabelWidth, m.LabelHeight);
            routed[e] = new RoutedEdge(e, keys[v], keys[v], points, false, true, label);
        }

        var width = layerCount == 0 ? 2 * m.Margin : (2 * m.Margin) + (layerCount * m.NodeWidth) + ((layerCount - 1) * m.ColumnGap);
        var height = (2 * m.Margin) + maxHeight;
        foreach (var (_, y, _) in labels)
        {
            height = Math.Max(height, y + m.LabelHeight + m.Margin);
        }

        return new GraphLayout(placed, routed.Where(r => r is not null).Select(r => r!).ToArray(), width, height);
    }

    /// <summary>The Eades–Lin–Smyth order: position of each node; edges from a later to an earlier position close cycles.</summary>
    private static int[] GreedyOrder(int n, List<(int Edge, int From, int To)> links)
    {
        var removed = new bool[n];
        var outDegree = new int[n];
        var inDegree = new int[n];
        var outgoing = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var incoming = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var (_, from, to) in links)
        {
            outDegree[from]++;
            inDegree[to]++;
            outgoing[from].Add(to);
            incoming[to].Add(from);
        }

        var head = new List<int>();
        var tail = new List<int>();
        var left = n;
        void Remove(int v)
        {
            removed[v] = true;
            left--;
            foreach (var w in outgoing[v])
            {
                inDegree[w]--;
            }

            foreach (var w in incoming[v])
            {
                outDegree[w]--;
            }
        }

        while (left > 0)
        {
            var sink = Enumerable.Range(0, n).FirstOrDefault(v => !removed[v] && outDegree[v] == 0, -1);
            if (sink >= 0)
            {
                tail.Add(sink);
                Remove(sink);
                continue;
            }

            var source = Enumerable.Range(0, n).FirstOrDefault(v => !removed[v] && inDegree[v] == 0, -1);
            if (source >= 0)
            {
                head.Add(source);
                Remove(source);
                continue;
            }

            var best = -1;
            for (var v = 0; v < n; v++)
            {
                if (!removed[v] && (best < 0 || outDegree[v] - inDegree[v] > outDegree[best] - inDegree[best]))
                {
                    best = v;
                }
            }

            head.Add(best);
            Remove(best);
        }

        tail.Reverse();
        var position = new int[n];
        var p = 0;
        foreach (var v in head.Concat(tail))
        {
            position[v] = p++;
        }

        return position;
    }

    /// <summary>Barycentre sweeps (down, up, ...), keeping the ordering with the fewest crossings seen.</summary>
    private static void Reorder(List<int>[] columns, List<List<int>> up, List<List<int>> down)
    {
        if (columns.Length < 2)
        {
            return;
        }

        var best = columns.Select(c => c.ToList()).ToArray();
        var bestCrossings = Crossings(columns, down);
        for (var sweep = 0; sweep < 8 && bestCrossings > 0; sweep++)
        {
            var downward = sweep % 2 == 0;
            var range = downward ? Enumerable.Range(1, columns.Length - 1) : Enumerable.Range(0, columns.Length - 1).Reverse();
            foreach (var l in range)
            {
                var reference = columns[downward ? l - 1 : l + 1];
                var rank = new Dictionary<int, int>();
                for (var i = 0; i < reference.Count; i++)
                {
                    rank[reference[i]] = i;
                }

                var current = columns[l];
                var keyed = current.Select((item, i) =>
                {
                    var neighbours = (downward ? up[item] : down[item]).Where(rank.ContainsKey).Select(x => (double)rank[x]).ToList();
                    var scale = reference.Count <= 1 ? 1.0 : (current.Count - 1.0) / (reference.Count - 1.0);
                    return (Item: item, Key: neighbours.Count == 0 ? i : neighbours.Average() * scale, Was: i);
                }).OrderBy(t => t.Key).ThenBy(t => t.Was).Select(t => t.Item).ToList();
                columns[l] = keyed;
            }

            var crossings = Crossings(columns, down);
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = columns.Select(c => c.ToList()).ToArray();
            }
        }

        for (var l = 0; l < columns.Length; l++)
        {
            columns[l] = best[l];
        }
    }

    private static int Crossings(List<int>[] columns, List<List<int>> down)
    {
        var total = 0;
        for (var l = 0; l + 1 < columns.Length; l++)
        {
            var rank = new Dictionary<int, int>();
            for (var i = 0; i < columns[l + 1].Count; i++)
            {
                rank[columns[l + 1][i]] = i;
            }

            var segments = new List<(int A, int B)>();
            for (var i = 0; i < columns[l].Count; i++)
            {
                foreach (var w in down[columns[l][i]])
                {
                    if (rank.TryGetValue(w, out var r))
                    {
                        segments.Add((i, r));
                    }
                }
            }

            for (var i = 0; i < segments.Count; i++)
            {
                for (var j = i + 1; j < segments.Count; j++)
                {
                    if ((segments[i].A - segments[j].A) * (segments[i].B - segments[j].B) < 0)
                    {
                        total++;
                    }
                }
            }
        }

        return total;
    }

    /// <summary>Spreads a node side's edge ends over the middle of its height, ordered by where each edge goes.</summary>
    private static void Spread(List<(int Edge, double Toward)> ends, PlacedNode node, Dictionary<int, double> result)
    {
        var ordered = ends.OrderBy(e => e.Toward).ThenBy(e => e.Edge).ToList();
        var span = node.Height * 0.64;
        for (var i = 0; i < ordered.Count; i++)
        {
            var y = ordered.Count == 1
                ? node.Y + (node.Height / 2)
                : node.Y + ((node.Height - span) / 2) + (span * i / (ordered.Count - 1));
            result[ordered[i].Edge] = y;
        }
    }

    /// <summary>
    /// Places a label on the horizontal-tangent curve from <paramref name="a"/> to <paramref name="b"/> (as drawn): at its middle,
    /// else at the first of a few other spots along it where the label fits in the gap and overlaps no earlier label, else
    /// at the middle moved down until free.
    /// </summary>
    private static LayoutPoint PlaceOnCurve(List<(double X, double Y, double Width)> placed, LayoutPoint a, LayoutPoint b, double width, double height)
    {
        var left = Math.Min(a.X, b.X);
        var right = Math.Max(a.X, b.X);
        foreach (var t in new[] { 0.5, 0.38, 0.62, 0.28, 0.72 })
        {
            var p = OnCurve(a, b, t);
            var fits = p.X - (width / 2) >= left - 4 && p.X + (width / 2) <= right + 4;
            if ((fits || t == 0.5) && !Clashes(placed, p, width, height))
            {
                placed.Add((p.X, p.Y, width));
                return p;
            }
        }

        return Place(placed, OnCurve(a, b, 0.5), width, height);
    }

    /// <summary>The point at <paramref name="t"/> of the cubic from <paramref name="a"/> to <paramref name="b"/> with horizontal tangents at both ends.</summary>
    private static LayoutPoint OnCurve(LayoutPoint a, LayoutPoint b, double t)
    {
        var dx = (b.X - a.X) / 2;
        double Cubic(double p0, double p1, double p2, double p3) =>
            (Math.Pow(1 - t, 3) * p0) + (3 * Math.Pow(1 - t, 2) * t * p1) + (3 * (1 - t) * t * t * p2) + (Math.Pow(t, 3) * p3);
        return new LayoutPoint(Cubic(a.X, a.X + dx, b.X - dx, b.X), Cubic(a.Y, a.Y, b.Y, b.Y));
    }

    /// <summary>Places a label at <paramref name="wanted"/>, moved down until it overlaps no earlier label.</summary>
    private static LayoutPoint Place(List<(double X, double Y, double Width)> placed, LayoutPoint wanted, double width, double height)
    {
        var y = wanted.Y;
        for (var attempt = 0; attempt < 50 && Clashes(placed, new LayoutPoint(wanted.X, y), width, height); attempt++)
        {
            y += height;
        }

        placed.Add((wanted.X, y, width));
        return new LayoutPoint(wanted.X, y);
    }

    private static bool Clashes(List<(double X, double Y, double Width)> placed, LayoutPoint at, double width, double height) =>
        placed.Any(p => Math.Abs(p.X - at.X) < ((p.Width + width) / 2) + 2 && Math.Abs(p.Y - at.Y) < height + 1);
}
