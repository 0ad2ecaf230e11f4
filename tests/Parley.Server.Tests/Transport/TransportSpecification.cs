using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Transport;

/// <summary>
/// What every edge–core transport does (ICoreTransport, IEdgeTransport). Each implementation runs this suite through a subclass that
/// says how to make its two ends: <see cref="InProcessTransportTests"/>, <see cref="RabbitMqTransportTests"/>.
/// </summary>
public abstract class TransportSpecification : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _opened = [];

    /// <summary>A core end, not started.</summary>
    private protected abstract ICoreTransport NewCore();

    /// <summary>An edge end, not started.</summary>
    private protected abstract IEdgeTransport NewEdge(string name);

    /// <summary>How long an edge waits for the core (in the tests).</summary>
    private protected abstract TimeSpan RequestTimeout { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var opened in Enumerable.Reverse(_opened))
        {
            await opened.DisposeAsync();
        }
    }

    private protected async Task<(ICoreTransport Transport, TestCore Handler)> StartCoreAsync()
    {
        var core = NewCore();
        _opened.Add(core);
        var handler = new TestCore();
        await core.StartAsync(handler, CancellationToken.None);
        return (core, handler);
    }

    private protected async Task<(IEdgeTransport Transport, TestEdge Handler)> StartEdgeAsync(string name)
    {
        var edge = NewEdge(name);
        _opened.Add(edge);
        var handler = new TestEdge();
        await edge.StartAsync(handler, CancellationToken.None);
        return (edge, handler);
    }

    /// <summary>An edge's first request: from then on the core knows the edge (a broker has its queue).</summary>
    private protected static async Task GreetAsync(IEdgeTransport edge)
    {
        var hello = await edge.RequestAsync(new GetQueueInfo("hello"), CancellationToken.None);
        Assert.Null(hello.Failure);
    }

    [Fact]
    public async Task A_request_reaches_the_core_and_its_typed_answer_comes_back()
    {
        var (_, core) = await StartCoreAsync();
        var (edge, _) = await StartEdgeAsync("edge-a");
        var id = Guid.NewGuid();

        var result = await edge.RequestAsync(new GetConversation(id), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(new ConversationView(id, "support", new ConversationStatus(ConversationState.Assigned, "Alice"), 3), result.Value);
        var (request, _) = Assert.Single(core.Received);
        Assert.Equal(new GetConversation(id), request);
    }

    [Fact]
    public async Task A_core_exception_comes_back_as_the_same_failure()
    {
        var (_, core) = await StartCoreAsync();
        core.Behavior = (_, _, _) => throw new CoreException(CoreError.NotFound, "There is no queue 'nope'.");
        var (edge, _) = await StartEdgeAsync("edge-a");

        var result = await edge.RequestAsync(new GetQueueInfo("nope"), CancellationToken.None);

        Assert.Null(result.Value);
        Assert.Equal(new CoreFailure(CoreError.NotFound, "There is no queue 'nope'."), result.Failure);
    }

    [Fact]
    public async Task The_origin_of_a_request_carries_the_edges_name()
    {
        var (_, core) = await StartCoreAsync();
        var (first, _) = await StartEdgeAsync("edge-a");
        var (second, _) = await StartEdgeAsync("edge-b");

        await first.RequestAsync(new CustomerTyping(Guid.NewGuid()), CancellationToken.None);
        await second.RequestAsync(new CustomerTyping(Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(["edge-a", "edge-b"], core.Received.Select(r => r.Origin.Edge));
        Assert.All(core.Received, r => Assert.False(string.IsNullOrEmpty(r.Origin.MessageId)));
        Assert.NotEqual(core.Received[0].Origin.MessageId, core.Received[1].Origin.MessageId);
    }

    [Fact]
    public async Task An_event_reaches_only_the_edge_it_is_sent_to()
    {
        var (core, _) = await StartCoreAsync();
        var (first, firstEvents) = await StartEdgeAsync("edge-a");
        var (second, secondEvents) = await StartEdgeAsync("edge-b");
        await GreetAsync(first);
        await GreetAsync(second);
        var conversation = Guid.NewGuid();
        EdgeEvent forFirst = new AgentTyping(conversation, "Alice");
        EdgeEvent forSecond = new StatusChanged(conversation, new ConversationStatus(ConversationState.Ended));
        EdgeEvent againForFirst = new MessageAppended(conversation, new MessageView(5, MessageSender.Agent, "Alice", "bye", CannedAnswers.Time, null));

        await core.SendAsync("edge-a", forFirst, CancellationToken.None);
        await core.SendAsync("edge-b", forSecond, CancellationToken.None);
        await core.SendAsync("edge-a", againForFirst, CancellationToken.None);

        // Each edge's events arrive in order: had the second one reached edge-a, it would come before the third.
        Assert.Equal(forFirst, await firstEvents.NextAsync());
        Assert.Equal(againForFirst, await firstEvents.NextAsync());
        Assert.Equal(forSecond, await secondEvents.NextAsync());
        Assert.Equal([forFirst, againForFirst], firstEvents.Received);
        Assert.Equal([forSecond], secondEvents.Received);
    }

    [Fact]
    public async Task An_event_for_an_unknown_edge_does_not_throw()
    {
        var (core, _) = await StartCoreAsync();

        await core.SendAsync("nobody-here", new AgentTyping(Guid.NewGuid(), "Alice"), CancellationToken.None);
    }

    [Fact]
    public async Task Many_concurrent_requests_from_two_edges_each_get_their_own_answer()
    {
        await StartCoreAsync();
        var (first, _) = await StartEdgeAsync("edge-a");
        var (second, _) = await StartEdgeAsync("edge-b");
        var requests = Enumerable.Range(0, 40).SelectMany(i => new[] { (Edge: first, AfterSeq: (long)i), (Edge: second, AfterSeq: (long)i + 1000) }).ToArray();

        var answers = await Task.WhenAll(requests.Select(async r =>
            (Sent: r, Result: await r.Edge.RequestAsync(new GetMessages(Guid.NewGuid(), r.AfterSeq), CancellationToken.None))));

        Assert.All(answers, a =>
        {
            Assert.Null(a.Result.Failure);
            var message = Assert.Single(a.Result.Value!);
            Assert.Equal(a.Sent.AfterSeq + 1, message.Seq);
            Assert.Equal(a.Sent.Edge.EdgeName, message.SenderName);
        });
    }

    [Fact]
    public async Task A_request_while_no_core_has_started_fails_as_unavailable_within_the_time_out()
    {
        var (edge, _) = await StartEdgeAsync("edge-a");
        var clock = Stopwatch.StartNew();

        var result = await edge.RequestAsync(new PostCustomerMessage(Guid.NewGuid(), "c-1", "anyone there?"), CancellationToken.None);

        Assert.Equal(new CoreFailure(CoreError.Unavailable, CoreResult.UnavailableDetail), result.Failure);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, RequestTimeout + TimeSpan.FromSeconds(5));
    }

    [Theory]
    [MemberData(nameof(ContractTests.Samples), MemberType = typeof(ContractTests))]
    public async Task Every_contract_sample_reaches_the_core_unchanged_and_its_answer_comes_back_unchanged(object sample)
    {
        var (_, core) = await StartCoreAsync();
        var (edge, _) = await StartEdgeAsync("edge-a");
        var request = (CoreRequest)sample;
        var replyType = request.GetType().GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICoreRequest<>)).GetGenericArguments()[0];

        var (value, failure) = await (Task<(object? Value, CoreFailure? Failure)>)typeof(TransportSpecification)
            .GetMethod(nameof(AskAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(replyType).Invoke(null, [edge, request])!;

        Assert.Null(failure);
        var (received, origin) = Assert.Single(core.Received);
        Assert.Equal(request.GetType(), received.GetType());
        Assert.Equal(JsonSerializer.Serialize(request, TransportJson.Options), JsonSerializer.Serialize(received, TransportJson.Options));
        Assert.Equal(
            JsonSerializer.Serialize(CannedAnswers.For(request, origin), replyType, TransportJson.Options),
            JsonSerializer.Serialize(value, replyType, TransportJson.Options));
    }

    private static async Task<(object? Value, CoreFailure? Failure)> AskAsync<TReply>(IEdgeTransport edge, CoreRequest request)
    {
        var result = await edge.RequestAsync((ICoreRequest<TReply>)request, CancellationToken.None);
        return (result.Value, result.Failure);
    }
}
