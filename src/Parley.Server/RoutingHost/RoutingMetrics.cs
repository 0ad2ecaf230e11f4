using System.Diagnostics.Metrics;
using Parley.Routing;
using Parley.Server.Telemetry;

namespace Parley.Server.RoutingHost;

/// <summary>
/// Routing's instruments on the <c>Parley</c> meter. The gauges read <see cref="LiveBoard"/> (what the engine held after
/// its last change) when collected, so nothing is counted twice or kept beside routing's own state:
/// <c>parley.queue.waiting</c> and <c>parley.queue.longest_wait</c> per queue, <c>parley.agents</c> per status.
/// <c>parley.offers</c> counts the engine's decisions on offers by outcome.
/// </summary>
public sealed class RoutingMetrics
{
    private static readonly AgentStatus[] Statuses = Enum.GetValues<AgentStatus>();
    private readonly Counter<long> _offers;

    public RoutingMetrics(IMeterFactory meters, LiveBoard board, TimeProvider time)
    {
        var meter = meters.Create(ParleyTelemetry.Name);
        meter.CreateObservableGauge("parley.queue.waiting",
            () => board.Queues.Select(q => new Measurement<int>(q.Queued, QueueTag(q))),
            unit: "{conversation}", description: "Chats waiting in the queue (offered ones included) for an agent.");
        meter.CreateObservableGauge("parley.queue.longest_wait",
            () =>
            {
                var now = time.GetUtcNow();
                return board.Queues.Select(q => new Measurement<double>(
                    q.OldestEnteredAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0, QueueTag(q)));
            },
            unit: "s", description: "How long the queue's longest-waiting chat has waited so far; 0 when none waits.");
        meter.CreateObservableGauge("parley.agents",
            () =>
            {
                var agents = board.Agents;
                return Statuses.Select(s => new Measurement<int>(agents.Count(a => a.Status == s),
                    new KeyValuePair<string, object?>("parley.agent.status", StatusName(s))));
            },
            unit: "{agent}", description: "Agents known to routing, by status (offline, away, do_not_disturb, external_busy, wrap_up, busy, ready).");
        _offers = meter.CreateCounter<long>("parley.offers", "{offer}",
            "Offers that ended, by outcome: accepted, declined, timed_out, unavailable (the agent left), conversation_ended, taken_elsewhere.");
    }

    /// <summary>Counts what an engine decision says about offers (called once per event, in decision order).</summary>
    public void Decided(RoutingEvent routingEvent)
    {
        var outcome = routingEvent switch
        {
            ConversationAssigned { Kind: AssignmentKind.Offer or AssignmentKind.Transfer } => "accepted",
            OfferWithdrawn withdrawn => withdrawn.Reason switch
            {
                OfferEndReason.Declined => "declined",
                OfferEndReason.TimedOut => "timed_out",
                OfferEndReason.AgentUnavailable => "unavailable",
                OfferEndReason.ConversationEnded => "conversation_ended",
                _ => "taken_elsewhere",
            },
            _ => null,
        };
        if (outcome is not null)
        {
            _offers.Add(1, new KeyValuePair<string, object?>("parley.offer.outcome", outcome));
        }
    }

    private static KeyValuePair<string, object?> QueueTag(QueueSnapshot queue) => new("parley.queue", queue.Queue);

    private static string StatusName(AgentStatus status) => status switch
    {
        AgentStatus.Offline => "offline",
        AgentStatus.Away => "away",
        AgentStatus.DoNotDisturb => "do_not_disturb",
        AgentStatus.ExternalBusy => "external_busy",
        AgentStatus.WrapUp => "wrap_up",
        AgentStatus.Busy => "busy",
        _ => "ready",
    };
}
