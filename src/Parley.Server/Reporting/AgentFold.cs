using Parley.Routing;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// What one batch of facts adds to the agents' roll-ups, worked out in memory (the projection then adds it to the stored
/// rows in one transaction). Time in a state is the span from an agent fact to the agent's next one, split at the
/// 15-minute bucket edges; chat facts that name an agent count in the bucket of their own time.
/// </summary>
public sealed class AgentFold(IDictionary<string, ReportAgentStateRecord> states)
{
    public const long BucketMs = 15 * 60 * 1000;

    /// <summary>The kinds of agent facts: each carries the agent's state after it.</summary>
    public static readonly string[] AgentKinds =
    [
        ReportEventKinds.SignedIn, ReportEventKinds.SignedOut, ReportEventKinds.PresenceChanged, ReportEventKinds.WrapUpStarted,
        ReportEventKinds.WrapUpEnded, ReportEventKinds.ExternalBusyStarted, ReportEventKinds.ExternalBusyEnded,
        ReportEventKinds.CapacityChanged, ReportEventKinds.Load,
    ];

    private static readonly HashSet<string> AgentKindSet = [.. AgentKinds];

    /// <summary>Per (agent, bucket): the figures to add.</summary>
    public Dictionary<(string Agent, long Bucket), ReportAgentIntervalRecord> Intervals { get; } = [];

    /// <summary>Per (agent, bucket, presence, reason): the milliseconds to add.</summary>
    public Dictionary<(string Agent, long Bucket, string Presence, string Reason), long> Reasons { get; } = [];

    /// <summary>Sign-ins begun (Agent, SignedInAt) and ended (Agent, SignedOutAt), in order.</summary>
    public List<(string Agent, long At, bool SignedIn)> SignIns { get; } = [];

    /// <summary>The agents whose state changed (to store).</summary>
    public HashSet<string> Changed { get; } = [];

    public static long BucketOf(long at) => at - (((at % BucketMs) + BucketMs) % BucketMs);

    public static bool IsAgentFact(ReportEventRecord fact) => AgentKindSet.Contains(fact.Kind) && fact.Status is not null;

    public void Add(ReportEventRecord fact)
    {
        if (fact.Agent is not { } agent)
        {
            return;
        }

        if (IsAgentFact(fact))
        {
            AddState(agent, fact);
        }

        switch (fact.Kind)
        {
            case ReportEventKinds.Offered:
                Row(agent, fact.At).Offers++;
                break;
            case ReportEventKinds.Declined:
                Row(agent, fact.At).Declines++;
                break;
            case ReportEventKinds.OfferTimedOut:
                Row(agent, fact.At).OffersTimedOut++;
                break;
            case ReportEventKinds.Accepted:
                Row(agent, fact.At).Accepted++;
                break;
            case ReportEventKinds.FirstReply when fact.DurationMs is { } response:
                var replied = Row(agent, fact.At);
                replied.FirstReplies++;
                replied.FirstResponseMs += response;
                replied.FirstResponseHistogram = Count(replied.FirstResponseHistogram, AgentDurationHistogram.FirstResponseEdges, response);
                break;
            // The agent's handling of a chat ends with the chat, with a transfer away, or with the chat put back in its
            // queue (the agent went Offline, a supervisor moved it): each is a handled chat with the agent's time on it.
            case ReportEventKinds.Ended or ReportEventKinds.Queued when fact.DurationMs is { } handle:
                Handled(agent, fact.At, handle);
                break;
            case ReportEventKinds.Transferred:
                // A supervisor's takeover ends the agent's handling but is not a transfer the agent made.
                Row(agent, fact.At).TransfersOut += fact.Detail == "takeover" ? 0 : 1;
                if (fact.DurationMs is { } given)
                {
                    Handled(agent, fact.At, given);
                }

                break;
            case ReportEventKinds.Rated when fact.Value is { } rating:
                var rated = Row(agent, fact.At);
                rated.Ratings++;
                rated.RatingSum += rating;
                break;
            case ReportEventKinds.WrapUpEnded when fact.DurationMs is { } wrapUp:
                var wrapped = Row(agent, fact.At);
                wrapped.WrapUps++;
                wrapped.WrapUpWorkMs += wrapUp;
                break;
        }
    }

    private void Handled(string agent, long at, long handle)
    {
        var row = Row(agent, at);
        row.Handled++;
        row.HandleMs += handle;
        row.HandleHistogram = Count(row.HandleHistogram, AgentDurationHistogram.HandleEdges, handle);
    }

    private void AddState(string agent, ReportEventRecord fact)
    {
        var was = states.TryGetValue(agent, out var previous) ? previous : null;
        if (was is not null && fact.At > was.At)
        {
            AddSpan(agent, was, was.At, fact.At);
        }

        var wasSignedIn = was is not null && was.Status != nameof(AgentStatus.Offline);
        var isSignedIn = fact.Status != nameof(AgentStatus.Offline);
        if (wasSignedIn != isSignedIn)
        {
            SignIns.Add((agent, fact.At, isSignedIn));
        }

        var state = was ?? new ReportAgentStateRecord { Agent = agent, Presence = "", Status = "" };
        state.At = Math.Max(fact.At, was?.At ?? long.MinValue);
        state.Presence = fact.Presence ?? nameof(AgentPresence.Offline);
        // Detail is the reason only while Away or Do not disturb (external busy names its sources there).
        state.Reason = state.Presence is nameof(AgentPresence.Away) or nameof(AgentPresence.DoNotDisturb) ? fact.Detail : null;
        state.Status = fact.Status!;
        state.Active = fact.Active ?? 0;
        state.Capacity = fact.Capacity ?? 0;
        states[agent] = state;
        Changed.Add(agent);
    }

    /// <summary>Adds the time [from, to) in <paramref name="state"/> to its buckets (nothing for Offline).</summary>
    public void AddSpan(string agent, ReportAgentStateRecord state, long from, long to)
    {
        if (state.Status == nameof(AgentStatus.Offline))
        {
            return;
        }

        for (var start = from; start < to;)
        {
            var bucket = BucketOf(start);
            var end = Math.Min(to, bucket + BucketMs);
            var ms = end - start;
            var row = Row(agent, start);
            switch (state.Status)
            {
                case nameof(AgentStatus.Ready): row.ReadyMs += ms; break;
                case nameof(AgentStatus.Busy): row.BusyMs += ms; break;
                case nameof(AgentStatus.WrapUp): row.WrapUpMs += ms; break;
                case nameof(AgentStatus.ExternalBusy): row.ExternalBusyMs += ms; break;
                case nameof(AgentStatus.Away): row.AwayMs += ms; break;
                case nameof(AgentStatus.DoNotDisturb): row.DoNotDisturbMs += ms; break;
            }

            if (state.Presence == nameof(AgentPresence.Available))
            {
                row.SlotUsedMs += state.Active * ms;
                row.SlotAvailableMs += state.Capacity * ms;
            }
            else if (state.Presence is nameof(AgentPresence.Away) or nameof(AgentPresence.DoNotDisturb) && !string.IsNullOrEmpty(state.Reason))
            {
                var key = (agent, bucket, state.Presence, state.Reason);
                Reasons[key] = Reasons.GetValueOrDefault(key) + ms;
            }

            start = end;
        }
    }

    private ReportAgentIntervalRecord Row(string agent, long at)
    {
        var key = (agent, BucketOf(at));
        if (!Intervals.TryGetValue(key, out var row))
        {
            Intervals[key] = row = new ReportAgentIntervalRecord { Agent = agent, BucketStart = key.Item2 };
        }

        return row;
    }

    private static string Count(string histogram, int[] edges, long durationMs)
    {
        var counts = new long[edges.Length + 1];
        AgentDurationHistogram.AddTo(counts, histogram);
        counts[AgentDurationHistogram.Bucket(edges, durationMs)]++;
        return AgentDurationHistogram.Format(counts);
    }

    /// <summary>Adds a delta row's figures to a stored one (the histograms' text too, unless the caller counts them itself).</summary>
    public static void AddTo(ReportAgentIntervalRecord stored, ReportAgentIntervalRecord delta, bool histograms = true)
    {
        stored.ReadyMs += delta.ReadyMs;
        stored.BusyMs += delta.BusyMs;
        stored.WrapUpMs += delta.WrapUpMs;
        stored.ExternalBusyMs += delta.ExternalBusyMs;
        stored.AwayMs += delta.AwayMs;
        stored.DoNotDisturbMs += delta.DoNotDisturbMs;
        stored.SlotUsedMs += delta.SlotUsedMs;
        stored.SlotAvailableMs += delta.SlotAvailableMs;
        stored.Offers += delta.Offers;
        stored.Declines += delta.Declines;
        stored.OffersTimedOut += delta.OffersTimedOut;
        stored.Accepted += delta.Accepted;
        stored.Handled += delta.Handled;
        stored.HandleMs += delta.HandleMs;
        if (histograms)
        {
            stored.HandleHistogram = Sum(stored.HandleHistogram, delta.HandleHistogram, AgentDurationHistogram.HandleEdges);
            stored.FirstResponseHistogram = Sum(stored.FirstResponseHistogram, delta.FirstResponseHistogram, AgentDurationHistogram.FirstResponseEdges);
        }

        stored.WrapUps += delta.WrapUps;
        stored.WrapUpWorkMs += delta.WrapUpWorkMs;
        stored.FirstReplies += delta.FirstReplies;
        stored.FirstResponseMs += delta.FirstResponseMs;
        stored.TransfersOut += delta.TransfersOut;
        stored.Ratings += delta.Ratings;
        stored.RatingSum += delta.RatingSum;
    }

    private static string Sum(string a, string b, int[] edges)
    {
        if (string.IsNullOrEmpty(b))
        {
            return a;
        }

        if (string.IsNullOrEmpty(a))
        {
            return b;
        }

        var counts = new long[edges.Length + 1];
        AgentDurationHistogram.AddTo(counts, a);
        AgentDurationHistogram.AddTo(counts, b);
        return AgentDurationHistogram.Format(counts);
    }
}
