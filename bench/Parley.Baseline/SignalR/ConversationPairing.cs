using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Parley.Baseline.SignalR;

/// <summary>A conversation in memory: its per-conversation message counter and the agent connection it is paired with.</summary>
public sealed class RelayConversation(Guid id, DateTimeOffset startedAt)
{
    private readonly TaskCompletionSource _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _seq;
    private string? _agentConnectionId;

    public Guid Id { get; } = id;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The SignalR group of the customer's connections.</summary>
    public string CustomerGroup { get; } = "conversation:" + id;

    /// <summary>Where customer messages go: set when paired, cleared when that agent disconnects.</summary>
    public string? AgentConnectionId => Volatile.Read(ref _agentConnectionId);

    /// <summary>Completes once the agent has been sent <c>Assigned</c>; customer messages wait for it, so they never overtake it.</summary>
    public Task Announced => _announced.Task;

    /// <summary>The next <c>seq</c>, shared by both directions like Parley's.</summary>
    public long NextSeq() => Interlocked.Increment(ref _seq);

    internal void Pair(string agentConnectionId) => Volatile.Write(ref _agentConnectionId, agentConnectionId);

    internal void MarkAnnounced() => _announced.TrySetResult();

    internal void Orphan() => Volatile.Write(ref _agentConnectionId, null);
}

/// <summary>
/// The only "routing": each new conversation goes to the next connected agent in turn (round-robin, no capacity,
/// no queues); conversations started while no agent is connected wait and go to the next agents that connect.
/// A conversation whose agent disconnects is not paired again (its customer's Send then fails).
/// </summary>
public sealed class ConversationPairing(
    IHubContext<AgentRelayHub, IRelayAgentClient> agents,
    IHubContext<CustomerRelayHub, IRelayCustomerClient> customers,
    TimeProvider time)
{
    public const string AgentName = "Baseline agent";
    public const string CustomerName = "Customer";

    private static readonly IReadOnlyDictionary<string, string> NoAnswers = new Dictionary<string, string>();
    private static readonly RelayStatus AssignedStatus = new("assigned", AgentName);

    private readonly ConcurrentDictionary<Guid, RelayConversation> _conversations = new();
    private readonly Lock _gate = new();
    private readonly List<string> _agents = [];
    private readonly Dictionary<string, List<RelayConversation>> _held = new(StringComparer.Ordinal);
    private readonly Queue<RelayConversation> _waiting = new();
    private int _next;

    public RelayConversation? Find(Guid conversationId) => _conversations.GetValueOrDefault(conversationId);

    public async Task<RelayConversation> StartAsync()
    {
        var conversation = new RelayConversation(Guid.NewGuid(), time.GetUtcNow());
        _conversations[conversation.Id] = conversation;
        List<(RelayConversation, string)> paired;
        lock (_gate)
        {
            _waiting.Enqueue(conversation);
            paired = PairWaiting();
        }

        await NotifyAsync(paired);
        return conversation;
    }

    public async Task AgentConnectedAsync(string connectionId)
    {
        List<(RelayConversation, string)> paired;
        lock (_gate)
        {
            _agents.Add(connectionId);
            _held[connectionId] = [];
            paired = PairWaiting();
        }

        await NotifyAsync(paired);
    }

    public void AgentDisconnected(string connectionId)
    {
        List<RelayConversation>? held;
        lock (_gate)
        {
            _agents.Remove(connectionId);
            _next = _agents.Count == 0 ? 0 : _next % _agents.Count;
            _held.Remove(connectionId, out held);
        }

        foreach (var conversation in held ?? [])
        {
            conversation.Orphan();
        }
    }

    /// <summary>Under the gate: hands waiting conversations to connected agents in turn.</summary>
    private List<(RelayConversation, string)> PairWaiting()
    {
        var paired = new List<(RelayConversation, string)>();
        while (_agents.Count > 0 && _waiting.TryDequeue(out var conversation))
        {
            var agent = _agents[_next];
            _next = (_next + 1) % _agents.Count;
            _held[agent].Add(conversation);
            conversation.Pair(agent);
            paired.Add((conversation, agent));
        }

        return paired;
    }

    /// <summary>The agent hears <c>Assigned</c> before any customer message reaches it; then the customer hears <c>Status</c>.</summary>
    private async Task NotifyAsync(List<(RelayConversation Conversation, string Agent)> paired)
    {
        foreach (var (conversation, agent) in paired)
        {
            try
            {
                await agents.Clients.Client(agent).Assigned(new RelayAssigned(
                    conversation.Id, "baseline", "Baseline", CustomerName, null, NoAnswers, conversation.StartedAt, "assigned"));
            }
            finally
            {
                // Even if the push failed (the agent is going away): its customer's messages must not wait forever.
                conversation.MarkAnnounced();
            }

            await customers.Clients.Group(conversation.CustomerGroup).Status(AssignedStatus);
        }
    }

    public static RelayStatus StatusOf(RelayConversation conversation) =>
        conversation.AgentConnectionId is null ? new RelayStatus("queued") : AssignedStatus;
}
