using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.RoutingHost;

/// <summary>Routing time keeps passing when something on a tick's path fails: the failure is logged once and the next tick runs.</summary>
public sealed class RoutingTickerTests
{
    private static readonly TimeSpan PastOfferTimeout = TimeSpan.FromSeconds(31); // the demo queues' offers last 30 s

    [Fact]
    public async Task A_failure_on_a_tick_is_logged_once_and_the_next_tick_still_times_out_offers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        // A failing dependency on the tick's path (here one of the tick's effects; in real life a bug anywhere in it).
        var failing = new FailingOnce();
        await using var server = new ParleyServer(time: time, configure: web =>
        {
            logs.AddTo(web);
            web.ConfigureServices(services => services.AddSingleton<IRoutingEffectHandler>(failing));
        });

        await using var alice = await server.ConnectAgentAsync("alice");
        await using var bob = await server.ConnectAgentAsync("bob");
        // Only Bob is there when the chat comes, so the first offer is his; Alice is next in line.
        await bob.GoAvailableAsync();
        var chat = await server.StartConversationAsync(queue: "sales", answers: []);
        var firstOffer = await bob.Offers.WaitForAsync(o => o.ConversationId == chat.ConversationId, "the offer to Bob");
        await alice.GoAvailableAsync();

        // Tick 1: the first offer times out and the chat goes to the other agent; then the tick throws.
        Interlocked.Exchange(ref failing.FailNext, 1);
        time.Advance(PastOfferTimeout);
        await bob.Withdrawn.WaitForAsync(w => w.OfferId == firstOffer.OfferId, "the first offer timing out");
        var secondOffer = await alice.Offers.WaitForAsync(o => o.ConversationId == chat.ConversationId, "the second offer");
        await Eventually.ThatAsync(() => Failures(logs), f => f.Count > 0, "the failed tick logged");

        // Tick 2 still comes: the second offer times out too.
        time.Advance(PastOfferTimeout);
        await alice.Withdrawn.WaitForAsync(w => w.OfferId == secondOffer.OfferId, "the second offer timing out");

        var failure = Assert.Single(Failures(logs));
        Assert.Equal("Injected tick failure", failure.Exception?.Message);
        Assert.False(server.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    private sealed class FailingOnce : IRoutingEffectHandler
    {
        public int FailNext;

        public Task ApplyAsync(Parley.Routing.RoutingEvent routingEvent) =>
            routingEvent is Parley.Routing.OfferWithdrawn && Interlocked.Exchange(ref FailNext, 0) == 1
                ? throw new InvalidOperationException("Injected tick failure")
                : Task.CompletedTask;
    }

    private static List<LogEntry> Failures(CapturedLogs logs) =>
        [.. logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Exception?.Message == "Injected tick failure")];
}
