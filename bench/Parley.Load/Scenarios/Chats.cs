using System.Collections.Concurrent;
using Parley.Load.Measurement;
using Parley.Load.Targets;

namespace Parley.Load.Scenarios;

/// <summary>
/// One conversation as the tool sees it from both ends. Its events may come in any order (an offer can reach the
/// agent before the customer's start request has been answered), so each latency is recorded once both of its
/// ends are known.
/// </summary>
public sealed class Chat
{
    private readonly Lock _gate = new();
    private long _intendedStart;
    private long _offered;
    private long _accepted;
    private bool _measured = true;
    private int _customerClosed;

    internal Chat(Guid conversationId) => ConversationId = conversationId;

    public Guid ConversationId { get; }

    /// <summary>Counted in the result (its start was after the warm-up).</summary>
    public bool Measured
    {
        get
        {
            lock (_gate)
            {
                return _measured;
            }
        }
    }

    /// <summary>The customer's number (-1 until the starter claims the chat).</summary>
    public int Index { get; private set; } = -1;

    public ICustomerConnection? Customer { get; internal set; }

    public AgentHandle? Agent { get; private set; }

    /// <summary>The agent has it (Parley: its Accept was answered; relays: Assigned / attached).</summary>
    public TaskCompletionSource Assigned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The customer's connection is open (and has fetched what it missed).</summary>
    public TaskCompletionSource CustomerReady { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The conversation ended (the agent or the customer was told so).</summary>
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The customer's answer to the greeting was acknowledged (or failed) — arrivals closes the chat only then.</summary>
    public TaskCompletionSource Replied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Closes the customer's connection, once.</summary>
    public async Task CloseCustomerAsync()
    {
        if (Customer is { } customer && Interlocked.Exchange(ref _customerClosed, 1) == 0)
        {
            await customer.DisposeAsync();
        }
    }

    internal void SetStart(RunContext context, int index, long intendedTicks, bool measured)
    {
        long offered, accepted;
        lock (_gate)
        {
            (Index, _intendedStart, _measured) = (index, intendedTicks, measured);
            (offered, accepted) = (_offered, _accepted);
        }

        if (offered != 0)
        {
            Latencies(context).StartToOffer.RecordTicks(intendedTicks, offered, measured);
        }

        if (accepted != 0)
        {
            Latencies(context).StartToAccept.RecordTicks(intendedTicks, accepted, measured);
        }
    }

    internal void SetOffered(RunContext context, long ticks)
    {
        long start;
        bool measured;
        lock (_gate)
        {
            if (_offered != 0)
            {
                context.Metrics.Count("offers repeated");
                return;
            }

            _offered = ticks;
            (start, measured) = (_intendedStart, _measured);
        }

        if (start != 0)
        {
            Latencies(context).StartToOffer.RecordTicks(start, ticks, measured);
        }
    }

    internal void SetAccepted(RunContext context, AgentHandle agent, long ticks)
    {
        long start, offered;
        bool measured;
        lock (_gate)
        {
            if (_accepted != 0)
            {
                return;
            }

            _accepted = ticks;
            Agent = agent;
            (start, offered, measured) = (_intendedStart, _offered, _measured);
        }

        var latencies = Latencies(context);
        if (offered != 0)
        {
            latencies.OfferToAccept.RecordTicks(offered, ticks, measured);
        }

        if (start != 0)
        {
            latencies.StartToAccept.RecordTicks(start, ticks, measured);
        }

        agent.Took();
        Assigned.TrySetResult();
    }

    internal void SetEnded()
    {
        if (Ended.TrySetResult())
        {
            Agent?.Released();
        }
    }

    private static ChatLatencies Latencies(RunContext context) => new(context.Metrics);

    /// <summary>The routing latencies (recorders are looked up by name; the first lookup creates them).</summary>
    private readonly struct ChatLatencies(Metrics metrics)
    {
        public LatencyRecorder StartToOffer => metrics.Latency("startToOffer", "chat start (intended) → the agent's Offer callback");
        public LatencyRecorder OfferToAccept => metrics.Latency("offerToAccept", "Offer callback → Accept answered");
        public LatencyRecorder StartToAccept => metrics.Latency("startToAccept", "chat start (intended) → Accept answered (relays: Assigned received)");
    }
}

/// <summary>The chats by conversation id, created by whichever event names them first.</summary>
public sealed class ChatBook
{
    private readonly ConcurrentDictionary<Guid, Chat> _chats = new();
    private long _accepted;
    private long _ended;

    public Chat For(Guid conversationId) => _chats.GetOrAdd(conversationId, id => new Chat(id));

    public int Count => _chats.Count;

    public long AcceptedCount => Interlocked.Read(ref _accepted);

    public long EndedCount => Interlocked.Read(ref _ended);

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);

    internal void CountEnded() => Interlocked.Increment(ref _ended);
}

/// <summary>An agent the tool drives: accepts every offer at once, records what it receives.</summary>
public sealed class AgentHandle(RunContext context, ChatBook book, AgentAccount account) : IAgentEvents
{
    private int _active;

    public string Username => account.Username;

    public int Capacity => account.Capacity;

    /// <summary>Chats it holds now.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Set right after connecting, before the agent goes Available (no offer can come earlier).</summary>
    public IAgentConnection Connection { get; internal set; } = null!;

    /// <summary>Called when a chat reaches this agent (for the arrivals scenario's greeting and close).</summary>
    public Action<Chat>? OnAssigned { get; set; }

    internal void Took()
    {
        Interlocked.Increment(ref _active);
        book.CountAccepted();
    }

    internal void Released()
    {
        Interlocked.Decrement(ref _active);
        book.CountEnded();
    }

    public void Offered(Guid offerId, Guid conversationId, long receivedTicks)
    {
        context.Metrics.Count("offers");
        book.For(conversationId).SetOffered(context, receivedTicks);
        _ = AcceptAsync(offerId, conversationId);
    }

    private async Task AcceptAsync(Guid offerId, Guid conversationId)
    {
        try
        {
            await Connection.AcceptAsync(offerId, context.Cancellation);
            var chat = book.For(conversationId);
            chat.SetAccepted(context, this, Clock.Now);
            OnAssigned?.Invoke(chat);
        }
        catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Metrics.Error("accept", e);
        }
    }

    public void OfferWithdrawn(Guid conversationId, string reason) => context.Metrics.Count("offers withdrawn: " + reason);

    public void Assigned(Guid conversationId, long receivedTicks)
    {
        if (context.Driver.Features.Offers)
        {
            return; // Parley: the Accept answer counts (it comes right after this push).
        }

        var chat = book.For(conversationId);
        chat.SetAccepted(context, this, receivedTicks);
        OnAssigned?.Invoke(chat);
    }

    public void Message(ReceivedMessage message, bool fetched) =>
        context.Ledger.Received(Side.Agent, message.ConversationId, message.ClientMessageId, message.Text, message.Seq, message.ReceivedTicks, fetched);

    public void Ended(Guid conversationId) => book.For(conversationId).SetEnded();
}

/// <summary>A customer's events for one chat.</summary>
public sealed class CustomerHandle(RunContext context, ChatBook book, Guid conversationId) : ICustomerEvents
{
    /// <summary>Called for every message this customer receives (for a reply), on the receive loop.</summary>
    public Action<ReceivedMessage>? OnMessage { get; set; }

    public void Message(ReceivedMessage message, bool fetched)
    {
        context.Ledger.Received(Side.Customer, message.ConversationId, message.ClientMessageId, message.Text, message.Seq, message.ReceivedTicks, fetched);
        OnMessage?.Invoke(message);
    }

    public void Status(string state, int? position)
    {
        if (state == "ended")
        {
            book.For(conversationId).SetEnded();
        }
    }
}
