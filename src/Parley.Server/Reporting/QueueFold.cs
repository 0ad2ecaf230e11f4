using Microsoft.EntityFrameworkCore;
using Parley.Server.Calendars;
using Parley.Server.Storage;
using Kinds = Parley.Server.Storage.ReportEventKinds;

namespace Parley.Server.Reporting;

/// <summary>
/// One batch of the queue projection: the conversations and queue buckets the facts touch, loaded once, changed in
/// memory fact by fact, and left tracked for the one SaveChanges that also moves the position. docs/reporting.md
/// says what each fact adds.
/// </summary>
internal sealed class QueueFold(ParleyDbContext context, IReadOnlyDictionary<string, QueueFold.QueueSettings> queues)
{
    /// <summary>A queue's reporting settings: the service level's threshold, the short abandon's, its calendar.</summary>
    public sealed record QueueSettings(long ServiceLevelMs, long ShortAbandonMs, BusinessCalendar? Calendar);

    private static readonly QueueSettings Defaults = new(20_000, 5_000, null);

    // The facts this projection reads: the conversation's, and the wrap-up that follows its end (agent facts are the agent projection's).
    private static readonly HashSet<string> Folded =
    [
        Kinds.Queued, Kinds.Offered, Kinds.Accepted, Kinds.FirstReply, Kinds.Transferred, Kinds.Overflowed, Kinds.Ended,
        Kinds.Abandoned, Kinds.Expired, Kinds.InactivityClosed, Kinds.Rated, Kinds.WrapUpEnded,
        Kinds.WrapUpCoded, Kinds.TagAdded, Kinds.TagRemoved,
    ];

    private readonly Dictionary<Guid, ReportConversationRecord> _conversations = [];
    private readonly Dictionary<(string Queue, long Bucket, string Site, string Edge, string Medium), Tally> _intervals = [];
    private readonly ReportTagFold _tags = new(context);

    public async Task LoadAsync(IReadOnlyList<ReportEventRecord> facts, CancellationToken cancellationToken)
    {
        var ids = facts.Where(f => f.ConversationId is not null).Select(f => f.ConversationId!.Value).Distinct().ToList();
        foreach (var conversation in await context.ReportConversations.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            _conversations[conversation.Id] = conversation;
        }

        var buckets = facts.Select(f => ReportIntervals.BucketOf(f.QueuedAt ?? f.At))
            .Concat(_conversations.Values.Select(c => ReportIntervals.BucketOf(c.SegmentQueuedAt)))
            .Distinct()
            .ToList();
        foreach (var row in await context.ReportQueueIntervals.Where(r => buckets.Contains(r.Bucket)).ToListAsync(cancellationToken))
        {
            _intervals[(row.Queue, row.Bucket, row.Site, row.Edge, row.Medium)] = new Tally(row);
        }

        await _tags.LoadAsync(facts, cancellationToken);
    }

    public void Apply(ReportEventRecord fact)
    {
        if (fact.ConversationId is not { } id)
        {
            return;
        }

        if (!Folded.Contains(fact.Kind))
        {
            return;
        }

        if (fact.Kind == Kinds.Queued)
        {
            Queued(id, fact);
            return;
        }

        if (fact.Kind == Kinds.WrapUpEnded)
        {
            // An agent fact: it belongs to the queue and entry the chat ended in.
            if (_conversations.TryGetValue(id, out var ended) && fact.DurationMs is { } length)
            {
                var tally = Interval(ended.LastQueue, ended.SegmentQueuedAt, ended);
                tally.Row.WrapUps++;
                tally.Row.WrapUpSumMs += length;
                ended.WrapUpMs = (ended.WrapUpMs ?? 0) + length;
            }

            return;
        }

        var conversation = Conversation(id, fact);
        if (fact.Kind == Kinds.WrapUpCoded || ReportTagFold.Folds(fact.Kind))
        {
            // What the chat was about: its row only, no interval's figure.
            if (fact.Kind == Kinds.WrapUpCoded)
            {
                conversation.WrapUpCode = fact.Detail;
            }
            else
            {
                _tags.Apply(id, fact);
            }

            return;
        }

        var queue = fact.Queue ?? conversation.LastQueue;
        var queuedAt = fact.QueuedAt ?? conversation.SegmentQueuedAt;
        var settings = queues.GetValueOrDefault(queue) ?? Defaults;
        var t = Interval(queue, queuedAt, conversation);
        var row = t.Row;
        switch (fact.Kind)
        {
            case Kinds.Offered:
                row.OffersToAgents++;
                break;
            case Kinds.Accepted:
                // An answer takes the chat out of the queue (an offer accepted, a pick, a supervisor's assignment of a
                // waiting chat); a transfer to an agent or a supervisor's takeover changes the agent only. Read from the
                // segment's state, so an accept after the chat was answered is never a second answer.
                var answer = conversation.Outcome == "waiting" && fact.Detail != "restored";
                conversation.Agent = fact.Agent ?? conversation.Agent;
                if (answer)
                {
                    var wait = fact.DurationMs ?? fact.At - queuedAt;
                    row.Answered++;
                    row.AnsweredWithinServiceLevel += wait <= settings.ServiceLevelMs ? 1 : 0;
                    row.WaitSumMs += wait;
                    t.Wait.Add(wait);
                    Waited(row, conversation, wait);
                    conversation.AnsweredAt ??= fact.At;
                    conversation.Outcome = "answered";
                    if (settings.Calendar is { } calendar)
                    {
                        var business = BusinessTime.BetweenMs(calendar, queuedAt, fact.At);
                        row.BusinessAnswered++;
                        row.BusinessWaitSumMs += business;
                        t.BusinessWait.Add(business);
                        conversation.BusinessWaitMs = (conversation.BusinessWaitMs ?? 0) + business;
                    }
                }

                break;
            case Kinds.FirstReply when fact.DurationMs is { } response:
                row.FirstResponses++;
                row.FirstResponseSumMs += response;
                t.FirstResponse.Add(response);
                conversation.FirstResponseMs ??= response;
                break;
            case Kinds.Transferred:
                // A supervisor's takeover closes the agent's segment (handled) but moves the chat nowhere.
                if (fact.Detail == "queue")
                {
                    row.TransfersOut++;
                    conversation.Transfers++;
                }
                else if (fact.Detail != "takeover")
                {
                    row.TransfersToAgent++;
                    conversation.Transfers++;
                }

                Handled(t, conversation, settings, fact);
                break;
            case Kinds.Overflowed:
                row.OverflowsOut++;
                conversation.Overflows++;
                Waited(row, conversation, fact.At - queuedAt);
                break;
            case Kinds.Abandoned:
                var abandonWait = fact.DurationMs ?? fact.At - queuedAt;
                var isShort = abandonWait <= settings.ShortAbandonMs;
                row.Abandoned++;
                row.ShortAbandoned += isShort ? 1 : 0;
                Waited(row, conversation, abandonWait);
                conversation.Outcome = "abandoned";
                conversation.ShortAbandon = isShort;
                break;
            case Kinds.Expired:
                row.Expired++;
                Waited(row, conversation, fact.DurationMs ?? fact.At - queuedAt);
                conversation.Outcome = "expired";
                break;
            case Kinds.InactivityClosed:
                row.InactivityClosed++;
                break;
            case Kinds.Ended:
                if (fact.Agent is not null)
                {
                    row.Ended++;
                    Handled(t, conversation, settings, fact);
                    conversation.Agent = fact.Agent;
                }
                else if (conversation.Outcome == "waiting")
                {
                    // Ended while waiting by someone else than the customer (whose leaving is an abandon).
                    row.EndedWaiting++;
                    Waited(row, conversation, fact.At - queuedAt);
                    conversation.Outcome = "ended";
                }

                if (fact.Value == 1)
                {
                    row.SurveysOffered++;
                    conversation.SurveyOffered = true;
                }

                conversation.EndedAt = fact.At;
                conversation.EndedBy = fact.Detail;
                break;
            case Kinds.Rated when fact.Value is >= 1 and <= 5:
                var rating = fact.Value.Value;
                row.Ratings++;
                row.RatingSum += rating;
                _ = rating switch { 1 => row.Rated1++, 2 => row.Rated2++, 3 => row.Rated3++, 4 => row.Rated4++, _ => row.Rated5++ };
                conversation.Rating = rating;
                break;
        }
    }

    /// <summary>Writes the histograms back into their rows (before SaveChanges).</summary>
    public void Finish()
    {
        foreach (var tally in _intervals.Values)
        {
            tally.Store();
        }
    }

    private void Queued(Guid id, ReportEventRecord fact)
    {
        var queue = fact.Queue ?? "";
        if (!_conversations.TryGetValue(id, out var conversation))
        {
            conversation = new ReportConversationRecord { Id = id, FirstQueue = queue, LastQueue = queue, QueuedAt = fact.At, SegmentQueuedAt = fact.At, Outcome = "waiting" };
            context.ReportConversations.Add(conversation);
            _conversations[id] = conversation;
        }
        else if (fact.Detail is "agentOffline" or "supervisor" && fact.DurationMs is not null)
        {
            // Put back: the handling time of the agent who had it closes their segment, in the entry it belonged to.
            var previous = conversation.LastQueue;
            Handled(Interval(previous, conversation.SegmentQueuedAt, conversation), conversation, queues.GetValueOrDefault(previous) ?? Defaults, fact);
        }

        conversation.LastQueue = queue;
        conversation.SegmentQueuedAt = fact.At;
        conversation.Site ??= fact.Site;
        conversation.Edge ??= fact.Edge;
        conversation.Medium ??= fact.Medium;
        conversation.Outcome = "waiting";
        var row = Interval(queue, fact.At, conversation).Row;
        row.Offered++;
        _ = fact.Detail switch
        {
            "transfer" => row.TransfersIn++,
            "overflow" => row.OverflowsIn++,
            "agentOffline" or "supervisor" => row.Returned++,
            _ => row.Arrivals++,
        };
    }

    // A fact of a chat the projection has not seen queued (its queued fact predates the log's retention): start its row here.
    private ReportConversationRecord Conversation(Guid id, ReportEventRecord fact)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
        {
            var queue = fact.Queue ?? "";
            var queuedAt = fact.QueuedAt ?? fact.At;
            conversation = new ReportConversationRecord { Id = id, FirstQueue = queue, LastQueue = queue, QueuedAt = queuedAt, SegmentQueuedAt = queuedAt, Outcome = "waiting" };
            context.ReportConversations.Add(conversation);
            _conversations[id] = conversation;
        }

        return conversation;
    }

    private static void Waited(ReportQueueIntervalRecord row, ReportConversationRecord conversation, long wait)
    {
        row.LongestWaitMs = Math.Max(row.LongestWaitMs, wait);
        conversation.WaitMs += wait;
    }

    // An agent's segment closed (a hand-over or the end): its handling time, in calendar time and business hours.
    private static void Handled(Tally t, ReportConversationRecord conversation, QueueSettings settings, ReportEventRecord fact)
    {
        if (fact.DurationMs is not { } handle)
        {
            return;
        }

        t.Row.Handled++;
        t.Row.HandleSumMs += handle;
        t.Handle.Add(handle);
        conversation.HandleMs = (conversation.HandleMs ?? 0) + handle;
        if (settings.Calendar is { } calendar)
        {
            var business = BusinessTime.BetweenMs(calendar, fact.At - handle, fact.At);
            t.Row.BusinessHandled++;
            t.Row.BusinessHandleSumMs += business;
            t.BusinessHandle.Add(business);
            conversation.BusinessHandleMs = (conversation.BusinessHandleMs ?? 0) + business;
        }
    }

    private Tally Interval(string queue, long queuedAt, ReportConversationRecord conversation)
    {
        var key = (queue, ReportIntervals.BucketOf(queuedAt), conversation.Site ?? "", conversation.Edge ?? "", conversation.Medium ?? "");
        if (!_intervals.TryGetValue(key, out var tally))
        {
            var row = new ReportQueueIntervalRecord { Queue = key.queue, Bucket = key.Item2, Site = key.Item3, Edge = key.Item4, Medium = key.Item5 };
            context.ReportQueueIntervals.Add(row);
            tally = new Tally(row);
            _intervals[key] = tally;
        }

        return tally;
    }

    /// <summary>A bucket's row with its histograms parsed once for the batch.</summary>
    private sealed class Tally(ReportQueueIntervalRecord row)
    {
        public ReportQueueIntervalRecord Row { get; } = row;
        public DurationHistogram Wait { get; } = DurationHistogram.Parse(row.WaitHistogram);
        public DurationHistogram FirstResponse { get; } = DurationHistogram.Parse(row.FirstResponseHistogram);
        public DurationHistogram Handle { get; } = DurationHistogram.Parse(row.HandleHistogram);
        public DurationHistogram BusinessWait { get; } = DurationHistogram.Parse(row.BusinessWaitHistogram);
        public DurationHistogram BusinessHandle { get; } = DurationHistogram.Parse(row.BusinessHandleHistogram);

        public void Store()
        {
            Row.WaitHistogram = Wait.ToString();
            Row.FirstResponseHistogram = FirstResponse.ToString();
            Row.HandleHistogram = Handle.ToString();
            Row.BusinessWaitHistogram = BusinessWait.ToString();
            Row.BusinessHandleHistogram = BusinessHandle.ToString();
        }
    }
}
