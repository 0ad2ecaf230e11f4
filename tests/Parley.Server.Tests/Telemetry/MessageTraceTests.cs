using System.Diagnostics;
using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Telemetry;

/// <summary>
/// One customer message followed through the split deployment: the edge's request, the broker (the trace context in
/// the message's headers), the core's handling, the store and the push to the agent, all in one trace.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class MessageTraceTests : IAsyncLifetime
{
    private readonly SpanCollection _spans = new();
    private SplitDeployment _split = null!;

    public async Task InitializeAsync() => _split = await SplitDeployment.StartAsync(["edge-1"], configure: _spans.AddTo);

    public async Task DisposeAsync() => await _split.DisposeAsync();

    [Fact]
    public async Task A_customer_message_is_one_trace_from_the_edge_through_the_broker_to_the_store_and_the_agent()
    {
        await using var alice = await _split.CoreAddress.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(_split.Edge("edge-1"), name: "Ann");
        await alice.AcceptAsync(ann.Id);

        await ann.SendAsync("Where is my order?");
        await alice.Messages.WaitForAsync(m => m.ConversationId == ann.Id && m.Message.Text == "Where is my order?", "the message at the agent");

        var trace = await Eventually.ThatAsync(() => MessageTrace(ann.Id), t => t is not null, "the spans of Ann's message");
        var (edge, spans) = trace!.Value;
        var receipt = Assert.Single(spans, s => s.DisplayName == "Parley.Server.Customers.CustomerHub/Send");
        Assert.Equal(receipt.SpanId, edge.ParentSpanId); // the edge's request is part of the hub call that received it
        var core = Assert.Single(spans, s => s.DisplayName == "parley.core.handle PostCustomerMessage");
        Assert.Equal(edge.SpanId, core.ParentSpanId); // the broker carried the edge's context, not only its trace id
        var store = Assert.Single(spans, s => s.DisplayName == "parley.store.write message");
        Assert.True(IsWithin(store, core, spans), "the store's span is part of the core's handling");
        var push = Assert.Single(spans, s => s.DisplayName == "parley.agent.push AgentMessageView");
        Assert.True(IsWithin(push, core, spans), "the push to the agent is part of the core's handling");
        Assert.True(store.StartTimeUtc <= push.StartTimeUtc, "stored before pushed");
    }

    [Fact]
    public async Task Metrics_are_the_cores_and_an_edge_answers_404()
    {
        using var core = _split.Core!.CreateClient();
        using var edge = _split.Edge("edge-1").CreateClient();

        var atCore = await core.GetAsync("metrics");
        var atEdge = await edge.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, atCore.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, atEdge.StatusCode);
    }

    /// <summary>The edge's request span for Ann's message and every span of its trace, once the agent's push has ended.</summary>
    private (Activity Edge, IReadOnlyList<Activity> Spans)? MessageTrace(Guid conversationId)
    {
        var all = _spans.Snapshot();
        var edge = all.SingleOrDefault(s => s.DisplayName == "parley.edge.request PostCustomerMessage"
            && (string?)s.GetTagItem("parley.conversation.id") == conversationId.ToString());
        if (edge is null)
        {
            return null;
        }

        var spans = all.Where(s => s.TraceId == edge.TraceId).ToList();
        return spans.Any(s => s.DisplayName == "parley.agent.push AgentMessageView") ? (edge, spans) : null;
    }

    private static bool IsWithin(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        var bySpan = spans.ToDictionary(s => s.SpanId);
        for (var current = span; bySpan.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
