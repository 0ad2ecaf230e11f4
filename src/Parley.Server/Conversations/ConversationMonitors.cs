using System.Collections.Concurrent;
using System.Collections.Immutable;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// Who monitors which chat in progress, and which of them joined it (barged in), in memory: the conversation log hands
/// every delivered message to <see cref="DeliverAsync"/>, which sends it to each monitor the account still allows now
/// (<see cref="ISupervisionRights"/>, checked on every message) and forgets the others. Neither the customer nor the
/// agent is told of a silent monitor. Kept only while the chat is open; after a restart supervisors monitor again.
/// </summary>
public sealed class ConversationMonitors(IAgentNotifier agents, ISupervisionRights rights)
{
    private readonly ConcurrentDictionary<Guid, ImmutableDictionary<string, bool>> _monitors = new();

    /// <summary>Starts (or keeps) <paramref name="username"/> monitoring the chat; <paramref name="joined"/>: they barged in.</summary>
    public void Watch(Guid conversationId, string username, bool joined = false) =>
        _monitors.AddOrUpdate(conversationId,
            _ => ImmutableDictionary.Create<string, bool>(StringComparer.Ordinal).SetItem(username, joined),
            (_, m) => m.SetItem(username, joined || m.GetValueOrDefault(username)));

    /// <summary>Stops monitoring; answers whether they had joined the chat.</summary>
    public bool Stop(Guid conversationId, string username)
    {
        while (_monitors.TryGetValue(conversationId, out var monitors) && monitors.TryGetValue(username, out var joined))
        {
            var rest = monitors.Remove(username);
            if (rest.IsEmpty ? _monitors.TryRemove(new(conversationId, monitors)) : _monitors.TryUpdate(conversationId, rest, monitors))
            {
                return joined;
            }
        }

        return false;
    }

    public bool IsWatching(Guid conversationId, string username) => _monitors.TryGetValue(conversationId, out var m) && m.ContainsKey(username);

    public bool HasJoined(Guid conversationId, string username) => _monitors.TryGetValue(conversationId, out var m) && m.GetValueOrDefault(username);

    /// <summary>Everyone monitoring the chat now.</summary>
    public IReadOnlyCollection<string> Of(Guid conversationId) => _monitors.TryGetValue(conversationId, out var m) ? [.. m.Keys] : [];

    /// <summary>
    /// Sends a delivered message to the chat's monitors (not to the agent who holds it: they hear of it as its agent), each
    /// re-checked against their account now; an ended chat forgets its monitors after its last message.
    /// </summary>
    internal async Task DeliverAsync(ConversationRecord conversation, MessageView message)
    {
        if (!_monitors.TryGetValue(conversation.Id, out var monitors))
        {
            return;
        }

        foreach (var username in monitors.Keys)
        {
            if (username == conversation.AgentUsername)
            {
                continue;
            }

            if (!rights.MaySupervise(username, conversation.Queue))
            {
                Stop(conversation.Id, username);
                continue;
            }

            await agents.SendAsync(username, new MonitoredMessageView(conversation.Id, message));
        }

        if (conversation.State == ConversationState.Ended)
        {
            _monitors.TryRemove(conversation.Id, out _);
        }
    }
}
