using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

/// <summary>One chat's page as each edge reports it, combined: any visible tab wins, "left" only when no edge has a tab.</summary>
public sealed class CustomerPageStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_visible_tab_on_any_edge_is_on_the_page_and_left_needs_every_edge_to_have_left()
    {
        var state = CustomerPageState.First("edge-1", PageVisibility.Hidden, T0)
            .With("edge-2", PageVisibility.Visible, T0.AddSeconds(1));
        Assert.Equal((PageVisibility.Visible, T0.AddSeconds(1)), (state.Visibility, state.Since));

        state = state.With("edge-2", PageVisibility.Left, T0.AddSeconds(2));
        Assert.Equal((PageVisibility.Hidden, T0.AddSeconds(2)), (state.Visibility, state.Since));

        state = state.With("edge-1", PageVisibility.Left, T0.AddSeconds(3));
        Assert.Equal((PageVisibility.Left, T0.AddSeconds(3)), (state.Visibility, state.Since));
        Assert.Empty(state.Edges);
    }

    [Fact]
    public void A_report_that_does_not_change_what_the_agent_sees_keeps_the_time()
    {
        var state = CustomerPageState.First("edge-1", PageVisibility.Visible, T0)
            .With("edge-1", PageVisibility.Visible, T0.AddSeconds(5))
            .With("edge-2", PageVisibility.Hidden, T0.AddSeconds(6));

        Assert.Equal((PageVisibility.Visible, T0), (state.Visibility, state.Since));
        Assert.Equal(2, state.Edges.Count);
    }

    [Fact]
    public void Without_an_edges_word_the_others_count_and_without_any_the_page_is_unknown()
    {
        var state = CustomerPageState.First("edge-1", PageVisibility.Visible, T0).With("edge-2", PageVisibility.Hidden, T0);

        var onlyEdge2 = state.Without("edge-1", T0.AddSeconds(1));

        Assert.Equal((PageVisibility.Hidden, T0.AddSeconds(1)), (onlyEdge2!.Visibility, onlyEdge2.Since));
        Assert.Null(onlyEdge2.Without("edge-2", T0.AddSeconds(2)));
        Assert.Equal(PageVisibility.Left, CustomerPageState.First("edge-1", PageVisibility.Left, T0).Visibility);
    }
}
