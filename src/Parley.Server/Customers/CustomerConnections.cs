using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Parley.Server.Customers;

/// <summary>
/// The customer hub connections on this edge, by conversation: where a conversation's events go, and how many windows
/// of a chat are open (at most <see cref="Limit"/>: a few tabs are normal, dozens a way around the conversation's
/// budget). One small array per conversation instead of a SignalR group each — a group is a dictionary of its own, and
/// every disconnect scans all groups — so an idle chat costs less, and the count is derived from the same array.
/// </summary>
public sealed class CustomerConnections(IOptions<CustomerLimitOptions> options)
{
    private readonly ConcurrentDictionary<Guid, string[]> _byConversation = new();

    public int Limit => options.Value.ConnectionsPerConversation;

    /// <summary>Adds the connection unless the conversation has <see cref="Limit"/> open already.</summary>
    public bool TryAdd(Guid conversationId, string connectionId)
    {
        while (true)
        {
            if (_byConversation.TryGetValue(conversationId, out var ids))
            {
                if (ids.Length >= Limit)
                {
                    return false;
                }

                // Arrays compare by reference: the update wins only over the array it read.
                if (_byConversation.TryUpdate(conversationId, [.. ids, connectionId], ids))
                {
                    return true;
                }
            }
            else if (_byConversation.TryAdd(conversationId, [connectionId]))
            {
                return true;
            }
        }
    }

    public void Remove(Guid conversationId, string connectionId)
    {
        while (_byConversation.TryGetValue(conversationId, out var ids) && Array.IndexOf(ids, connectionId) >= 0)
        {
            var rest = Array.FindAll(ids, id => id != connectionId);
            if (rest.Length == 0
                ? _byConversation.TryRemove(KeyValuePair.Create(conversationId, ids))
                : _byConversation.TryUpdate(conversationId, rest, ids))
            {
                return;
            }
        }
    }

    /// <summary>The conversation's connections on this edge (none: its customer is not connected here).</summary>
    public IReadOnlyList<string> Of(Guid conversationId) => _byConversation.TryGetValue(conversationId, out var ids) ? ids : [];
}
