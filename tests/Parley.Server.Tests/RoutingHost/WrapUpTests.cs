using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Routing;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.RoutingHost;

/// <summary>
/// After a chat ends its agent wraps up for the queue's wrap-up time before the next offer. On the server's fake
/// clock: the wrap-up lasts exactly as long as the test moves the clock, not a second of real time.
/// </summary>
public sealed class WrapUpTests
{
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_agent_wraps_up_for_the_queues_wrap_up_time_on_the_servers_clock_and_then_gets_the_next_chat()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = new ParleyServer(time: time);
        await SetWrapUpAsync(server, "support", WrapUp);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var first = await CustomerSession.StartAsync(server, name: "Customer One");
        await bob.AcceptAsync(first.Id);

        await bob.Connection.InvokeAsync("Close", first.Id);
        var closedAt = time.GetUtcNow();
        var wrapping = await bob.State.WaitForAsync(s => s.Status == AgentStatus.WrapUp, "Bob wrapping up");
        await using var second = await CustomerSession.StartAsync(server, name: "Customer Two");
        // A call on Bob's connection comes back after anything the start pushed to him: no offer while he wraps up.
        await bob.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", first.Id);
        Assert.DoesNotContain(bob.Offers.Seen, o => o.ConversationId == second.Id);

        time.Advance(WrapUp);
        var ready = await bob.State.WaitForAsync(s => s.Status == AgentStatus.Ready, "Bob's wrap-up over");
        var offer = await bob.Offers.WaitForAsync(o => o.ConversationId == second.Id, "the next chat offered to Bob");

        Assert.Equal(closedAt + WrapUp, wrapping.WrapUpUntil);
        Assert.Null(ready.WrapUpUntil);
        Assert.Equal(closedAt + WrapUp, offer.OfferedAt);
    }

    /// <summary>Stores the wrap-up time the way the admin API does, then applies the queue to routing.</summary>
    private static async Task SetWrapUpAsync(ParleyServer server, string queue, TimeSpan wrapUp)
    {
        await using (var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync())
        {
            (await context.Queues.SingleAsync(q => q.Name == queue)).WrapUpSeconds = (int)wrapUp.TotalSeconds;
            await context.SaveChangesAsync();
        }

        var queues = server.Services.GetRequiredService<QueueCatalog>();
        await queues.ReloadAsync(CancellationToken.None);
        Assert.True((await server.Services.GetRequiredService<RoutingCoordinator>().ApplyQueueAsync(queues.Find(queue)!, CancellationToken.None)).Succeeded);
    }
}
