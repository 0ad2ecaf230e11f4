using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Transport;
using Parley.Server.Transport.RabbitMq;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Transport;

/// <summary>What only a broker does: keep requests while no core runs, drop the expired ones, deliver again after a lost connection.</summary>
public sealed class RabbitMqDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly RabbitMqTestScope _broker = new(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _broker.DisposeAsync().AsTask();

    /// <summary>A core that declared the topology once and stopped: the queues exist, nobody reads them.</summary>
    private async Task StopAfterDeclaringAsync()
    {
        var first = _broker.NewCore(_broker.Options(Short));
        await first.StartAsync(new TestCore(), CancellationToken.None);
        await first.DisposeAsync();
    }

    private async Task WaitForCoreQueueLengthAsync(uint length)
    {
        await Eventually.ThatAsync(() => _broker.CoreQueueLengthAsync().GetAwaiter().GetResult(), n => n == length, $"{length} message(s) in the core's queue");
    }

    [Fact]
    public async Task A_request_that_changes_something_sent_while_the_core_is_stopped_is_answered_once_a_core_starts()
    {
        await StopAfterDeclaringAsync();
        var edge = _broker.NewEdge("edge-a", _broker.Options(Long));
        await edge.StartAsync(new TestEdge(), CancellationToken.None);
        var conversation = Guid.NewGuid();

        var pending = edge.RequestAsync(new PostCustomerMessage(conversation, "c-1", "are you there?"), CancellationToken.None);
        await WaitForCoreQueueLengthAsync(1);
        var core = new TestCore();
        await _broker.NewCore(_broker.Options(Short)).StartAsync(core, CancellationToken.None);
        var result = await pending;

        Assert.Null(result.Failure);
        Assert.Equal(new MessageAccepted(4, CannedAnswers.Time), result.Value);
        var (request, origin) = Assert.Single(core.Received);
        Assert.Equal(new PostCustomerMessage(conversation, "c-1", "are you there?"), request);
        Assert.Equal("edge-a", origin.Edge);
    }

    [Fact]
    public async Task An_expiring_request_sent_while_the_core_is_stopped_is_dropped_after_the_time_out()
    {
        await StopAfterDeclaringAsync();
        var edge = _broker.NewEdge("edge-a", _broker.Options(Short));
        await edge.StartAsync(new TestEdge(), CancellationToken.None);

        var expired = await edge.RequestAsync(new GetQueueInfo("stale"), CancellationToken.None);
        Assert.Equal(CoreError.Unavailable, expired.Failure?.Error);
        await WaitForCoreQueueLengthAsync(0); // expired in the queue: no consumer needed for that
        var core = new TestCore();
        await _broker.NewCore(_broker.Options(Short)).StartAsync(core, CancellationToken.None);
        var fresh = await edge.RequestAsync(new GetQueueInfo("fresh"), CancellationToken.None);

        Assert.Null(fresh.Failure);
        Assert.Equal([new GetQueueInfo("fresh")], core.Received.Select(r => r.Request));
    }

    [Fact]
    public async Task A_request_redelivered_after_the_core_lost_its_connection_before_acknowledging_runs_once_and_is_answered_once()
    {
        // The core reaches the broker through a relay the test can cut; the edge connects directly.
        await using var relay = new TcpRelay(new Uri(_broker.Uri));
        var core = new TestCore();
        var handling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        core.Behavior = async (request, origin, _) =>
        {
            if (request is PostCustomerMessage && core.Count<PostCustomerMessage>() == 1)
            {
                handling.TrySetResult();
                await release.Task;
            }

            return CannedAnswers.For(request, origin);
        };
        await _broker.NewCore(_broker.Options(Short, RabbitMqTestBroker.With(_broker.Uri, port: relay.Port))).StartAsync(core, CancellationToken.None);
        var edge = _broker.NewEdge("edge-a", _broker.Options(Long));
        await edge.StartAsync(new TestEdge(), CancellationToken.None);

        var pending = edge.RequestAsync(new PostCustomerMessage(Guid.NewGuid(), "c-1", "hello"), CancellationToken.None);
        await handling.Task.WaitAsync(Patience.Default);
        relay.Cut();                                     // the broker takes the unacknowledged request back
        release.SetResult();                             // the handler stored the message…
        await _broker.Log.WaitForAsync(6023);            // …but the answer could not be sent
        relay.Restore();                                 // the core reconnects and gets the request again
        var result = await pending;

        Assert.Null(result.Failure);
        Assert.Equal(new MessageAccepted(4, CannedAnswers.Time), result.Value);
        await _broker.Log.WaitForAsync(6024);            // answered from the stored answer,
        Assert.Equal(1, core.Count<PostCustomerMessage>()); // not by running the handler again
    }

    [Fact]
    public async Task A_request_that_cannot_be_read_is_dropped_once_and_the_next_one_is_answered()
    {
        var core = new TestCore();
        await _broker.NewCore(_broker.Options(Short)).StartAsync(core, CancellationToken.None);
        var edge = _broker.NewEdge("edge-a", _broker.Options(Short));
        await edge.StartAsync(new TestEdge(), CancellationToken.None);
        await using var channel = await (await _broker.AdminAsync()).CreateChannelAsync(new CreateChannelOptions(true, true));

        foreach (var body in new[] { "not json", """{"$type":"noSuchRequest"}""", """{"queue":"no type"}""" })
        {
            var properties = new BasicProperties { Persistent = true, MessageId = Guid.NewGuid().ToString("N"), ReplyTo = "edge-a", Type = RabbitMqWire.Request };
            await channel.BasicPublishAsync(_broker.Topology.InboundExchange, RabbitMqTopology.RequestRoutingKey, true, properties, Encoding.UTF8.GetBytes(body));
        }

        var next = await edge.RequestAsync(new GetQueueInfo("support"), CancellationToken.None);

        Assert.Null(next.Failure);
        Assert.Equal(3, _broker.Log.Count(6020));
        Assert.Equal([new GetQueueInfo("support")], core.Received.Select(r => r.Request));
        await WaitForCoreQueueLengthAsync(0);
    }

    [Fact]
    public async Task An_unexpected_failure_in_the_core_is_logged_and_answered_unavailable()
    {
        var core = new TestCore { Behavior = (_, _, _) => throw new InvalidOperationException("database on fire") };
        await _broker.NewCore(_broker.Options(Short)).StartAsync(core, CancellationToken.None);
        var edge = _broker.NewEdge("edge-a", _broker.Options(Short));
        await edge.StartAsync(new TestEdge(), CancellationToken.None);

        var result = await edge.RequestAsync(new EndConversation(Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(new CoreFailure(CoreError.Unavailable, CoreResult.UnavailableDetail), result.Failure);
        Assert.Contains("database on fire", (await _broker.Log.WaitForAsync(6022)).Exception?.Message);
    }

    [Fact]
    public async Task Requests_of_one_conversation_are_handled_one_after_the_other_in_queue_order()
    {
        var core = new TestCore();
        var concurrent = 0;
        var overlapped = false;
        core.Behavior = async (request, origin, _) =>
        {
            overlapped |= Interlocked.Increment(ref concurrent) > 1;
            await Task.Yield();
            Interlocked.Decrement(ref concurrent);
            return CannedAnswers.For(request, origin);
        };
        await StopAfterDeclaringAsync();
        var conversation = Guid.NewGuid();
        await using (var channel = await (await _broker.AdminAsync()).CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            for (var i = 0; i < 20; i++)
            {
                var properties = new BasicProperties { Persistent = true, MessageId = Guid.NewGuid().ToString("N"), ReplyTo = "edge-a", Type = RabbitMqWire.Request };
                var body = JsonSerializer.SerializeToUtf8Bytes<CoreRequest>(new PostCustomerMessage(conversation, $"c-{i}", $"message {i}"), TransportJson.Options);
                await channel.BasicPublishAsync(_broker.Topology.InboundExchange, RabbitMqTopology.RequestRoutingKey, true, properties, body);
            }
        }

        await _broker.NewCore(_broker.Options(Short)).StartAsync(core, CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            await core.NextAsync();
        }

        Assert.False(overlapped);
        Assert.Equal(
            Enumerable.Range(0, 20).Select(i => $"c-{i}"),
            core.Received.Select(r => r.Request).OfType<PostCustomerMessage>().Select(p => p.ClientMessageId));
    }

    [Fact]
    public async Task Requests_of_different_conversations_are_handled_in_parallel()
    {
        var core = new TestCore();
        var secondHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Guid.NewGuid();
        core.Behavior = async (request, origin, _) =>
        {
            if (request is GetConversation g && g.ConversationId == first)
            {
                await secondHandled.Task; // would wait forever if requests ran one at a time
            }
            else
            {
                secondHandled.TrySetResult();
            }

            return CannedAnswers.For(request, origin);
        };
        await _broker.NewCore(_broker.Options(Short)).StartAsync(core, CancellationToken.None);
        var edge = _broker.NewEdge("edge-a", _broker.Options(Long));
        await edge.StartAsync(new TestEdge(), CancellationToken.None);

        var waiting = edge.RequestAsync(new GetConversation(first), CancellationToken.None);
        await core.NextAsync();
        var other = await edge.RequestAsync(new GetConversation(Guid.NewGuid()), CancellationToken.None);

        Assert.Null(other.Failure);
        Assert.Null((await waiting).Failure);
    }
}
