using System.Diagnostics;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Transport;

/// <summary>Starting while the broker cannot be reached: nothing throws, requests answer Unavailable, and both ends connect once it can.</summary>
public sealed class RabbitMqStartupTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RabbitMqTestScope _broker = new(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _broker.DisposeAsync().AsTask();

    [Fact]
    public async Task Core_and_edge_started_while_the_broker_is_unreachable_connect_by_themselves_when_it_is_back()
    {
        await using var relay = new TcpRelay(new Uri(_broker.Uri));
        relay.Cut(); // connections to the relay's port are refused, as by a broker that is down
        var requestTimeout = TimeSpan.FromSeconds(5);
        var options = _broker.Options(requestTimeout, RabbitMqTestBroker.With(_broker.Uri, port: relay.Port));
        var core = _broker.NewCore(options);
        var edge = _broker.NewEdge("edge-a", options);
        var events = new TestEdge();

        await core.StartAsync(new TestCore(), CancellationToken.None);
        await edge.StartAsync(events, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var meanwhile = await edge.RequestAsync(new GetQueueInfo("support"), CancellationToken.None);
        Assert.Equal(new CoreFailure(CoreError.Unavailable, CoreResult.UnavailableDetail), meanwhile.Failure);
        // Known to be down: answered without waiting for the request's time-out (the bound leaves the machine's noise room).
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, requestTimeout - TimeSpan.FromSeconds(1));
        await _broker.Log.WaitForAsync(6000);

        relay.Restore();
        var answer = await Eventually.ThatAsync(() => edge.RequestAsync(new GetQueueInfo("support"), CancellationToken.None),
            a => a.Failure is null, "an answer once the broker is back", TimeSpan.FromSeconds(30));

        Assert.Equal("support", answer.Value!.Name);
        var typing = new AgentTyping(Guid.NewGuid(), "Alice");
        await core.SendAsync("edge-a", typing, CancellationToken.None);
        Assert.Equal(typing, await events.NextAsync());
    }
}
