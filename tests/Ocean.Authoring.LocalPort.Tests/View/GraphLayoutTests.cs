using Ocean.Authoring.LocalPort.View;

namespace Ocean.Authoring.LocalPort.Tests.View;

/// <summary>The blueprint graph's layered layout: columns follow relation direction, cycles and self edges are handled, output is deterministic.</summary>
public sealed class GraphLayoutTests
{
    private static readonly LayoutNodeInput[] SeedNodes = new[] { "Domain", "System", "Component", "Resource", "API" }.Select(k => new LayoutNodeInput(k)).ToArray();

    private static readonly LayoutEdgeInput[] SeedEdges =
    [
        new("System", "Domain"),
        new("Component", "System"),
        new("Component", "Resource"),
        new("Component", "API"),       // consumesApi
        new("Component", "Component"), // components
        new("Component", "API"),       // providesApi
        new("API", "Component"),       // provider
    ];

    [Fact]
    public void Seed_model_layers_by_relation_direction_and_breaks_the_component_api_cycle_once()
    {
        var layout = GraphLayout.Compute(SeedNodes, SeedEdges);
        var layer = layout.Nodes.ToDictionary(n => n.Key, n => n.Layer);
        Assert.Equal(0, layer["Component"]);
        Assert.Equal(1, layer["System"]);
        Assert.Equal(1, layer["API"]);
        Assert.Equal(1, layer["Resource"]);
        Assert.Equal(2, layer["Domain"]);

        Assert.Equal(7, layout.Edges.Count);
        Assert.Equal(Enumerable.Range(0, 7), layout.Edges.Select(e => e.Index).Order());
        var reversed = Assert.Single(layout.Edges, e => e.Reversed);
        Assert.Equal(("API", "Component"), (reversed.From, reversed.To));
        var loop = Assert.Single(layout.Edges, e => e.SelfLoop);
        Assert.Equal(4, loop.Index);

        foreach (var edge in layout.Edges.Where(e => !e.SelfLoop))
        {
            // Every edge runs from its source's side to its target's side, rightwards unless it was reversed.
            var from = layout.Nodes.Single(n => n.Key == edge.From);
            var to = layout.Nodes.Single(n => n.Key == edge.To);
            Assert.Equal(edge.Reversed, to.Layer < from.Layer);
            Assert.Equal(edge.Reversed ? from.X : from.X + from.Width, edge.Points[0].X, 3);
            Assert.Equal(edge.Reversed ? to.X + to.Width : to.X, edge.Points[^1].X, 3);
            Assert.InRange(edge.Points[0].Y, from.Y, from.Y + from.Height);
            Assert.InRange(edge.Points[^1].Y, to.Y, to.Y + to.Height);
        }

        // Parallel edges (Component → API twice, API → Component) end at different heights.
        var componentApi = layout.Edges.Where(e => e.From == "Component" && e.To == "API").Select(e => e.Points[0].Y).ToList();
        Assert.Equal(2, componentApi.Distinct().Count());
    }

    [Fact]
    public void Nodes_do_not_overlap_and_fit_the_canvas()
    {
        var layout = GraphLayout.Compute(SeedNodes, SeedEdges);
        foreach (var a in layout.Nodes)
        {
            Assert.InRange(a.X, 0, layout.Width - a.Width);
            Assert.InRange(a.Y, 0, layout.Height - a.Height);
            foreach (var b in layout.Nodes.Where(b => !ReferenceEquals(a, b)))
            {
                var apart = a.X + a.Width <= b.X || b.X + b.Width <= a.X || a.Y + a.Height <= b.Y || b.Y + b.Height <= a.Y;
                Assert.True(apart, $"{a.Key} overlaps {b.Key}");
            }
        }

        foreach (var edge in layout.Edges)
        {
            Assert.InRange(edge.Label.Y, 0, layout.Height);
            Assert.All(edge.Points, p => Assert.InRange(p.Y, 0, layout.Height));
        }
    }

    [Fact]
    public void Same_graph_in_any_input_order_gives_the_same_layout()
    {
        var first = GraphLayout.Compute(SeedNodes, SeedEdges);
        var second = GraphLayout.Compute(SeedNodes.Reverse().ToArray(), SeedEdges);
        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Width, second.Width);
        Assert.Equal(first.Height, second.Height);
        Assert.Equal(first.Edges.Select(e => string.Join(" ", e.Points)), second.Edges.Select(e => string.Join(" ", e.Points)));
    }

    [Fact]
    public void Long_edges_pass_through_the_columns_they_cross()
    {
        // a → b → c → d and a → d: the long edge gets a waypoint in b's and c's columns.
        var nodes = new[] { "a", "b", "c", "d" }.Select(k => new LayoutNodeInput(k)).ToArray();
        var layout = GraphLayout.Compute(nodes, [new("a", "b"), new("b", "c"), new("c", "d"), new("a", "d")]);
        Assert.Equal(new[] { 0, 1, 2, 3 }, layout.Nodes.Select(n => n.Layer));
        var longEdge = layout.Edges.Single(e => e.Index == 3);
        Assert.Equal(6, longEdge.Points.Count); // start, two per crossed column, end
        var b = layout.Nodes[1];
        var c = layout.Nodes[2];
        Assert.Equal(b.X, longEdge.Points[1].X, 3);
        Assert.Equal(c.X + c.Width, longEdge.Points[4].X, 3);
        Assert.False(longEdge.Points[1].Y >= b.Y && longEdge.Points[1].Y <= b.Y + b.Height, "the waypoint must not cross b");
    }

    [Fact]
    public void A_pure_cycle_edges_to_unknown_nodes_and_an_empty_graph_are_handled()
    {
        var cycle = GraphLayout.Compute(new[] { "x", "y", "z" }.Select(k => new LayoutNodeInput(k)).ToArray(), [new("x", "y"), new("y", "z"), new("z", "x"), new("x", "ghost")]);
        Assert.Equal(3, cycle.Edges.Count);
        Assert.Single(cycle.Edges, e => e.Reversed);
        Assert.Equal(3, cycle.Nodes.Select(n => n.Layer).Distinct().Count());

        var empty = GraphLayout.Compute([], []);
        Assert.Empty(empty.Nodes);
        Assert.True(empty.Width > 0 && empty.Height > 0);

        var lone = GraphLayout.Compute([new("solo")], [new("solo", "solo"), new("solo", "solo")]);
        Assert.Equal(2, lone.Edges.Count(e => e.SelfLoop));
        Assert.NotEqual(lone.Edges[0].Points[1].Y, lone.Edges[1].Points[1].Y);
        Assert.True(lone.Edges.Min(e => e.Label.Y) > 0);
    }
}
