using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Edges;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Edges;

public sealed class EdgeDirectoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly EdgeDirectory _directory;

    public EdgeDirectoryTests() => _directory = new EdgeDirectory(_time, Options.Create(new EdgeOptions()));

    private EdgeHeartbeat Beat(string name, TimeSpan clockOffset = default) =>
        new(name, "Amsterdam", "1.2.3", "https://chat.example.com/", _time.GetUtcNow() + clockOffset);

    [Fact]
    public void An_edge_is_online_after_a_heartbeat_and_offline_after_three_missed_ones()
    {
        _directory.Heard(Beat("edge-1"));
        Assert.True(_directory.List().Single().Online);

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.True(_directory.List().Single().Online);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_directory.List().Single().Online);
    }

    [Fact]
    public void A_clock_more_than_one_second_off_is_flagged_with_its_offset()
    {
        _directory.Heard(Beat("edge-1", TimeSpan.FromMilliseconds(400)));
        _directory.Heard(Beat("edge-2", TimeSpan.FromSeconds(-3)));

        var edges = _directory.List();

        Assert.Equal((TimeSpan.FromMilliseconds(400), false), (edges[0].Edge.ClockOffset, edges[0].ClockWarning));
        Assert.Equal((TimeSpan.FromSeconds(-3), true), (edges[1].Edge.ClockOffset, edges[1].ClockWarning));
    }

    [Fact]
    public void Events_go_to_the_edge_the_customer_used_last()
    {
        var conversation = Guid.NewGuid();
        _directory.Heard(Beat("edge-1"));
        _directory.Heard(Beat("edge-2"));

        _directory.Route(conversation, "edge-1");
        Assert.Equal(["edge-1"], _directory.EdgesFor(conversation));

        // The customer reconnected through the other edge.
        _directory.Route(conversation, "edge-2");
        Assert.Equal(["edge-2"], _directory.EdgesFor(conversation));
    }

    [Fact]
    public void A_conversation_with_no_known_edge_is_told_to_every_online_edge()
    {
        _directory.Heard(Beat("edge-1"));
        _time.Advance(TimeSpan.FromSeconds(20));
        _directory.Heard(Beat("edge-2"));
        _directory.Heard(Beat("edge-3"));

        Assert.Equal(["edge-2", "edge-3"], _directory.EdgesFor(Guid.NewGuid()).Order());
    }

    [Fact]
    public void Changes_are_announced_but_a_routine_heartbeat_is_not()
    {
        var changes = 0;
        _directory.Changed += () => changes++;

        _directory.Heard(Beat("edge-1"));
        _time.Advance(TimeSpan.FromSeconds(5));
        _directory.Heard(Beat("edge-1"));
        Assert.Equal(1, changes);

        _time.Advance(TimeSpan.FromSeconds(30));
        _directory.Heard(Beat("edge-1"));
        Assert.Equal(2, changes);
    }

    [Fact]
    public void A_customer_is_unreachable_while_their_edge_is_offline_and_reachable_again_through_another_edge()
    {
        var conversation = Guid.NewGuid();
        var rerouted = new List<Guid>();
        _directory.Rerouted += rerouted.Add;
        Assert.True(_directory.CustomerReachable(conversation)); // no route known (after a core restart): no outage claimed
        _directory.Route(conversation, "edge-1");
        Assert.True(_directory.CustomerReachable(conversation)); // requests, but no heartbeat yet

        _directory.Heard(Beat("edge-1"));
        _directory.Heard(Beat("edge-2"));
        _time.Advance(TimeSpan.FromSeconds(16));
        _directory.Heard(Beat("edge-2"));
        Assert.False(_directory.CustomerReachable(conversation));

        _directory.Route(conversation, "edge-2");
        _directory.Route(conversation, "edge-2");
        Assert.True(_directory.CustomerReachable(conversation));
        Assert.Equal([conversation], rerouted);
        Assert.Equal([conversation], _directory.ConversationsOn("edge-2"));
    }
}
