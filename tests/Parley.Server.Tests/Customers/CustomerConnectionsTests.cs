using Microsoft.Extensions.Options;
using Parley.Server.Customers;

namespace Parley.Server.Tests.Customers;

/// <summary>The edge's connections by conversation: where events go, and the cap on a chat's open windows.</summary>
public sealed class CustomerConnectionsTests
{
    private static CustomerConnections Connections(int limit) =>
        new(Options.Create(new CustomerLimitOptions { ConnectionsPerConversation = limit }));

    [Fact]
    public void A_conversation_holds_its_connections_up_to_the_limit_and_a_closed_one_frees_its_place()
    {
        var connections = Connections(2);
        var chat = Guid.NewGuid();
        var other = Guid.NewGuid();

        Assert.True(connections.TryAdd(chat, "a"));
        Assert.True(connections.TryAdd(chat, "b"));
        Assert.False(connections.TryAdd(chat, "c"));
        Assert.True(connections.TryAdd(other, "x"));
        Assert.Equal(["a", "b"], connections.Of(chat));

        connections.Remove(chat, "a");
        connections.Remove(chat, "a"); // twice: nothing more happens
        Assert.True(connections.TryAdd(chat, "c"));
        Assert.Equal(["b", "c"], connections.Of(chat));
        Assert.Equal(["x"], connections.Of(other));

        connections.Remove(chat, "b");
        connections.Remove(chat, "c");
        Assert.Empty(connections.Of(chat));
    }

    [Fact]
    public void Connections_added_and_removed_at_once_from_many_threads_leave_exactly_those_still_open()
    {
        var connections = Connections(1_000);
        var chat = Guid.NewGuid();

        Parallel.For(0, 400, i =>
        {
            Assert.True(connections.TryAdd(chat, $"c{i}"));
            if (i % 2 == 0)
            {
                connections.Remove(chat, $"c{i}");
            }
        });

        Assert.Equal(Enumerable.Range(0, 400).Where(i => i % 2 == 1).Select(i => $"c{i}").Order(), connections.Of(chat).Order());
    }
}
