using System.Collections.Concurrent;

namespace Parley.Load.Measurement;

/// <summary>Who sent a message; the other side is the one it must reach.</summary>
public enum Direction
{
    CustomerToAgent,
    AgentToCustomer,
}

/// <summary>Who received a push.</summary>
public enum Side
{
    Customer,
    Agent,
}

/// <summary>One message the tool scheduled: when it was meant to go, when it went, and what came of it.</summary>
public sealed class MessageTrack
{
    internal MessageTrack(string id, Direction direction, Guid conversationId, long intendedTicks, bool measured)
    {
        Id = id;
        Direction = direction;
        ConversationId = conversationId;
        IntendedTicks = intendedTicks;
        Measured = measured;
    }

    /// <summary>The clientMessageId.</summary>
    public string Id { get; }

    public Direction Direction { get; }

    public Guid ConversationId { get; }

    /// <summary>When the open-loop schedule meant it to be sent (the latencies start here: no coordinated omission).</summary>
    public long IntendedTicks { get; }

    /// <summary>Counted in the result (false during warm-up).</summary>
    public bool Measured { get; }

    public long SentTicks { get; internal set; }

    /// <summary>0 = neither, 1 = acknowledged, 2 = failed.</summary>
    internal int Outcome;

    internal int Deliveries;

    /// <summary>How often it was pushed (not fetched) to the receiver: more than once is a duplicate.</summary>
    internal int Pushes;

    /// <summary>1 once failed, or delivered and acknowledged: no longer outstanding.</summary>
    internal int Settled;

    public Side Receiver => Direction == Direction.CustomerToAgent ? Side.Agent : Side.Customer;

    /// <summary>The sender got <c>{seq, sentAt}</c> for it.</summary>
    public bool IsAcknowledged => Volatile.Read(ref Outcome) == 1;
}

/// <summary>
/// Accounts for every message: scheduled, sent, acknowledged (the sender got <c>{seq, sentAt}</c>), failed (the send
/// threw), delivered (the other side's callback saw it), duplicated (seen again), lost (acknowledged, never
/// delivered). Delivery latency is the receiver's callback time minus the intended send time (corrected for
/// coordinated omission); the uncorrected figure (from the actual send) is kept next to it.
/// </summary>
public sealed class MessageLedger
{
    private readonly ConcurrentDictionary<string, MessageTrack> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid, Side), long> _lastSeq = new();
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _scheduled;
    private long _sent;
    private long _acknowledged;
    private long _failed;
    private long _delivered;
    private long _duplicated;
    private long _echoes;
    private long _unknown;
    private long _outOfOrder;
    private long _recovered;
    private long _outstanding;
    private int _closed;

    public MessageLedger(Metrics metrics)
    {
        CustomerToAgent = metrics.Latency("customerToAgent", "customer Send → agent's Message callback (from the intended send time)");
        AgentToCustomer = metrics.Latency("agentToCustomer", "agent Send → customer's Message callback (from the intended send time)");
        CustomerToAgentUncorrected = metrics.Latency("customerToAgentUncorrected", "customer → agent from the actual send (coordinated omission not corrected)");
        AgentToCustomerUncorrected = metrics.Latency("agentToCustomerUncorrected", "agent → customer from the actual send (coordinated omission not corrected)");
        CustomerAck = metrics.Latency("customerAck", "customer Send → its answer {seq, sentAt} (from the intended send time)");
        AgentAck = metrics.Latency("agentAck", "agent Send → its answer {seq, sentAt} (from the intended send time)");
        SendLag = metrics.Latency("sendLag", "intended → actual send time (the load tool's own lateness)");
    }

    public LatencyRecorder CustomerToAgent { get; }
    public LatencyRecorder AgentToCustomer { get; }
    public LatencyRecorder CustomerToAgentUncorrected { get; }
    public LatencyRecorder AgentToCustomerUncorrected { get; }
    public LatencyRecorder CustomerAck { get; }
    public LatencyRecorder AgentAck { get; }
    public LatencyRecorder SendLag { get; }

    public long Scheduled => Interlocked.Read(ref _scheduled);
    public long Sent => Interlocked.Read(ref _sent);
    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Failed => Interlocked.Read(ref _failed);
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Messages first delivered by a fetch (<c>Resume</c>, the transcript) rather than a push: missed while away.</summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    /// <summary>Every message scheduled so far.</summary>
    public IEnumerable<MessageTrack> Tracks => _tracks.Values;

    /// <summary>
    /// Messages not settled yet: neither failed nor both delivered and acknowledged. A delivery can come before its
    /// sender's answer (after a crash the retried send is answered late), and the history check reads the answers.
    /// </summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    public MessageTrack Register(Direction direction, Guid conversationId, long intendedTicks, bool measured)
    {
        var track = new MessageTrack(Guid.NewGuid().ToString(), direction, conversationId, intendedTicks, measured);
        _tracks[track.Id] = track;
        Interlocked.Increment(ref _scheduled);
        Interlocked.Increment(ref _outstanding);
        return track;
    }

    /// <summary>The direction of a message this tool scheduled (null for any other id).</summary>
    public Direction? DirectionOf(string? clientMessageId) =>
        clientMessageId is not null && _tracks.TryGetValue(clientMessageId, out var track) ? track.Direction : null;

    public void MarkSent(MessageTrack track)
    {
        track.SentTicks = Clock.Now;
        Interlocked.Increment(ref _sent);
        SendLag.RecordTicks(track.IntendedTicks, track.SentTicks, track.Measured);
    }

    public void MarkAcknowledged(MessageTrack track)
    {
        var now = Clock.Now;
        if (Interlocked.CompareExchange(ref track.Outcome, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _acknowledged);
        (track.Direction == Direction.CustomerToAgent ? CustomerAck : AgentAck).RecordTicks(track.IntendedTicks, now, track.Measured);
        if (Volatile.Read(ref track.Deliveries) > 0)
        {
            Settle(track);
        }
    }

    public void MarkFailed(MessageTrack track)
    {
        if (Interlocked.CompareExchange(ref track.Outcome, 2, 0) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _failed);
        Settle(track);
    }

    /// <summary>
    /// A push (or a message fetched by Resume, <paramref name="fetched"/>) reached <paramref name="receiver"/>.
    /// Messages not from this tool (system messages) and a sender's own echo are ignored.
    /// </summary>
    /// <param name="seq">The server's sequence number, 0 when the target has none (bare relay).</param>
    public void Received(Side receiver, Guid conversationId, string? clientMessageId, string text, long seq, long receivedTicks, bool fetched = false)
    {
        var id = clientMessageId ?? MessageText.IdOf(text);
        if (id is null || !_tracks.TryGetValue(id, out var track))
        {
            if (MessageText.IdOf(text) is not null)
            {
                Interlocked.Increment(ref _unknown);
            }

            return;
        }

        if (track.Receiver != receiver)
        {
            Interlocked.Increment(ref _echoes);
            return;
        }

        if (seq > 0 && !fetched)
        {
            var key = (conversationId, receiver);
            var previous = _lastSeq.GetOrAdd(key, 0);
            while (true)
            {
                if (seq <= previous)
                {
                    Interlocked.Increment(ref _outOfOrder);
                    break;
                }

                if (_lastSeq.TryUpdate(key, seq, previous))
                {
                    break;
                }

                previous = _lastSeq[key];
            }
        }

        // A message both pushed and fetched by Resume is expected around a (re)connect (the widget shows each seq
        // once); the same message pushed twice is a duplicate.
        if (!fetched && Interlocked.Increment(ref track.Pushes) > 1)
        {
            Interlocked.Increment(ref _duplicated);
        }

        if (Interlocked.Increment(ref track.Deliveries) > 1)
        {
            return;
        }

        if (fetched)
        {
            Interlocked.Increment(ref _recovered);
        }

        Interlocked.Increment(ref _delivered);
        if (track.Direction == Direction.CustomerToAgent)
        {
            CustomerToAgent.RecordTicks(track.IntendedTicks, receivedTicks, track.Measured);
            CustomerToAgentUncorrected.RecordTicks(track.SentTicks == 0 ? track.IntendedTicks : track.SentTicks, receivedTicks, track.Measured);
        }
        else
        {
            AgentToCustomer.RecordTicks(track.IntendedTicks, receivedTicks, track.Measured);
            AgentToCustomerUncorrected.RecordTicks(track.SentTicks == 0 ? track.IntendedTicks : track.SentTicks, receivedTicks, track.Measured);
        }

        if (Volatile.Read(ref track.Outcome) != 0)
        {
            Settle(track);
        }
    }

    /// <summary>No more messages will be scheduled: <see cref="WhenSettledAsync"/> may complete.</summary>
    public void Close()
    {
        Interlocked.Exchange(ref _closed, 1);
        if (Outstanding == 0)
        {
            _settled.TrySetResult();
        }
    }

    /// <summary>True when every message was delivered or failed within <paramref name="timeout"/>.</summary>
    public async Task<bool> WhenSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Close();
        try
        {
            await _settled.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void Settle(MessageTrack track)
    {
        if (Interlocked.Exchange(ref track.Settled, 1) == 0 && Interlocked.Decrement(ref _outstanding) == 0 && Volatile.Read(ref _closed) == 1)
        {
            _settled.TrySetResult();
        }
    }

    public MessageAccounting Accounting()
    {
        long lost = 0, pending = 0, undeliveredFailed = 0, failedButDelivered = 0, measuredScheduled = 0, measuredDelivered = 0;
        foreach (var track in _tracks.Values)
        {
            if (track.Measured)
            {
                measuredScheduled++;
            }

            var delivered = Volatile.Read(ref track.Deliveries) > 0;
            if (track.Measured && delivered)
            {
                measuredDelivered++;
            }

            switch (Volatile.Read(ref track.Outcome))
            {
                case 1 when !delivered:
                    lost++;
                    break;
                case 0 when !delivered:
                    pending++;
                    break;
                case 2 when !delivered:
                    undeliveredFailed++;
                    break;
                case 2:
                    failedButDelivered++;
                    break;
            }
        }

        return new MessageAccounting(
            Scheduled, measuredScheduled, measuredDelivered, Sent, Acknowledged, Failed, Delivered, lost, Interlocked.Read(ref _duplicated), pending,
            undeliveredFailed, failedButDelivered, Interlocked.Read(ref _recovered), Interlocked.Read(ref _outOfOrder),
            Interlocked.Read(ref _echoes), Interlocked.Read(ref _unknown));
    }
}

/// <param name="Scheduled">Messages the schedule produced (warm-up included).</param>
/// <param name="Measured">Of those, the ones after the warm-up (counted in the latency figures).</param>
/// <param name="MeasuredDelivered">Of the measured ones, those delivered.</param>
/// <param name="Sent">Sends started.</param>
/// <param name="Acknowledged">Sends answered with <c>{seq, sentAt}</c> (bare relay: the frame was written).</param>
/// <param name="Failed">Sends that threw (not acknowledged).</param>
/// <param name="Delivered">Messages the other side received at least once.</param>
/// <param name="Lost">Acknowledged but never delivered.</param>
/// <param name="Duplicated">Extra pushes of a message already delivered.</param>
/// <param name="Pending">Neither acknowledged, failed nor delivered when the run ended.</param>
/// <param name="FailedUndelivered">Failed and not delivered (the sender knows; a real client would resend).</param>
/// <param name="FailedButDelivered">Failed at the sender, delivered anyway (the answer was lost).</param>
/// <param name="Recovered">Delivered only through <c>Resume</c>, not by push.</param>
/// <param name="OutOfOrder">Pushes whose seq was not above the last one that side saw in that conversation.</param>
/// <param name="Echoes">A sender's own message pushed back to it (Parley does this so several tabs stay in step).</param>
/// <param name="Unknown">Messages in this tool's format that it did not schedule (another run's, or corrupted).</param>
public sealed record MessageAccounting(
    long Scheduled, long Measured, long MeasuredDelivered, long Sent, long Acknowledged, long Failed, long Delivered, long Lost, long Duplicated,
    long Pending, long FailedUndelivered, long FailedButDelivered, long Recovered, long OutOfOrder, long Echoes, long Unknown);
