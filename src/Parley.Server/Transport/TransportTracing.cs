using System.Diagnostics;
using Parley.Server.Contracts;
using Parley.Server.Telemetry;

namespace Parley.Server.Transport;

/// <summary>
/// The spans of the edge–core transport, the same for every transport: <c>parley.edge.request TYPE</c> around an edge's
/// request (its context travels in the message's headers), <c>parley.core.handle TYPE</c> around the core's handling
/// of it, a child of the edge's span, and <c>parley.edge.event TYPE</c> around an edge's push of a core event. Heartbeats
/// are not traced: one every few seconds per edge would bury the customers' requests.
/// </summary>
internal static class TransportTracing
{
    public const string ConversationTag = "parley.conversation.id";

    /// <summary>Tagged with the conversation, so an operator can find one customer's trace.</summary>
    public static Activity? StartRequest(CoreRequest request)
    {
        var activity = request is EdgeHeartbeat ? null : ParleyTelemetry.Start("parley.edge.request", request.GetType().Name, ActivityKind.Client);
        if (activity is not null && request is IConversationRequest about)
        {
            activity.SetTag(ConversationTag, about.ConversationId.ToString());
        }

        return activity;
    }

    public static Activity? StartHandling(CoreRequest request, ActivityContext sender) =>
        request is EdgeHeartbeat ? null : ParleyTelemetry.Start("parley.core.handle", request.GetType().Name, ActivityKind.Server, sender);

    /// <summary>Only for an event sent within a trace (a message, a decision): standings pushed every second start none.</summary>
    public static Activity? StartEvent(EdgeEvent edgeEvent, ActivityContext sender) =>
        sender == default ? null : ParleyTelemetry.Start("parley.edge.event", edgeEvent.GetType().Name, ActivityKind.Consumer, sender);

    /// <summary>Headers that carry the trace context across the in-process bus, as AMQP headers do across the broker.</summary>
    public static Dictionary<string, string> Headers(Activity? activity)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        ParleyTelemetry.Inject(activity, headers, static (h, key, value) => h[key] = value);
        return headers;
    }

    public static ActivityContext Extract(IReadOnlyDictionary<string, string> headers) =>
        ParleyTelemetry.Extract(headers, static (h, key) => h.TryGetValue(key, out var value) ? [value] : null);

    /// <summary>Records a failure on the span (an <see cref="CoreError.Unavailable"/> answer, an exception).</summary>
    public static void Failed(Activity? activity, string description) => activity?.SetStatus(ActivityStatusCode.Error, description);
}
