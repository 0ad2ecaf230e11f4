using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// A core that restarts between two heartbeats (no heartbeat goes unanswered) has still forgotten what lived only in its
/// memory, such as the customers' page visibility: the edge sees the new instance in the heartbeat's answer and asks its
/// customers to resync, and the widget reports its page again on a resync.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class CoreRestartTests
{
    [Fact]
    public async Task The_edge_asks_its_customers_to_resync_when_the_core_answers_as_a_new_instance()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1"]);
        var edge = split.Edge("edge-1");
        var chat = await edge.StartConversationAsync();
        var resyncs = 0;
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var customer = await edge.ConnectAsync("hubs/customer", chat.CustomerToken, start: false);
        customer.On("Resync", () =>
        {
            Interlocked.Increment(ref resyncs);
            resynced.TrySetResult();
        });
        await customer.StartAsync();
        // The edge has heard the core answer (so it knows this instance) before the restart.
        await Eventually.ThatAsync(() => edge.Services.GetRequiredService<global::Parley.Server.Customers.CoreLink>().Reachable, r => r, "the core answering edge-1");
        await Eventually.ThatAsync(() => split.Core!.Services.GetRequiredService<global::Parley.Server.Edges.EdgeDirectory>().List().Count, n => n == 1, "edge-1 heard by the core");
        Assert.Equal(0, resyncs);

        await split.RestartCoreAsync();

        await resynced.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(resyncs >= 1);
    }
}
