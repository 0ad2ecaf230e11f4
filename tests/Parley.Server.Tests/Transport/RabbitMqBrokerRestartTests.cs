using System.Diagnostics;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Transport;

/// <summary>Restarting the broker disturbs every broker test: these run alone, after the parallel ones.</summary>
[Collection(BrokerCollection.Name)]
public sealed class RabbitMqBrokerRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RabbitMqTestScope _broker = new(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _broker.DisposeAsync().AsTask();

    [Fact]
    public async Task After_a_broker_restart_the_same_transports_answer_requests_and_deliver_events_again()
    {
        var options = _broker.Options(TimeSpan.FromSeconds(3));
        var core = _broker.NewCore(options);
        await core.StartAsync(new TestCore(), CancellationToken.None);
        var edge = _broker.NewEdge("edge-a", options);
        var events = new TestEdge();
        await edge.StartAsync(events, CancellationToken.None);
        Assert.Null((await edge.RequestAsync(new GetQueueInfo("support"), CancellationToken.None)).Failure);
        var before = new AgentTyping(Guid.NewGuid(), "Alice");
        await core.SendAsync("edge-a", before, CancellationToken.None);
        Assert.Equal(before, await events.NextAsync());

        var clock = Stopwatch.StartNew();
        var restart = Broker.RestartAsync();

        // During the outage: Unavailable, promptly.
        var outage = await Eventually.ThatAsync(() => edge.RequestAsync(new GetQueueInfo("support"), CancellationToken.None),
            r => r.Failure?.Error == CoreError.Unavailable, "Unavailable during the outage", TimeSpan.FromSeconds(60));
        Assert.Equal(CoreResult.UnavailableDetail, outage.Failure!.Detail);
        await restart;
        var brokerBack = clock.Elapsed;

        // After it: the same transports reconnect by themselves.
        var answered = await Eventually.ThatAsync(() => edge.RequestAsync(new PostCustomerMessage(Guid.NewGuid(), "c-1", "back?"), CancellationToken.None),
            r => r.Failure is null, "an answer after the restart", TimeSpan.FromSeconds(60));
        var requestsBack = clock.Elapsed;
        Assert.Equal(new MessageAccepted(4, CannedAnswers.Time), answered.Value);

        var after = new StatusChanged(Guid.NewGuid(), new ConversationStatus(ConversationState.Ended));
        var delivered = await Eventually.ThatAsync<EdgeEvent?>(async () =>
        {
            await core.SendAsync("edge-a", after, CancellationToken.None);
            return await events.NextAsync(TimeSpan.FromMilliseconds(500));
        }, e => e is not null, "an event delivered after the restart", TimeSpan.FromSeconds(30));
        Assert.Equal(after, delivered);

        output.WriteLine($"scripts/rabbitmq restart took {brokerBack.TotalSeconds:0.0} s; requests answered again {(requestsBack - brokerBack).TotalSeconds:0.0} s after it returned ({requestsBack.TotalSeconds:0.0} s in all).");
    }
}
