using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// What each waiting customer was last told of their place and wait, so that the periodic push goes out only for a
/// standing that moved enough to say. Used under the routing gate only.
/// </summary>
internal sealed class CustomerStandings
{
    private static readonly TimeSpan EstimateStep = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Guid, QueueStanding> _told = [];
    private IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> _seen =
        new Dictionary<string, IReadOnlyDictionary<Guid, QueueStanding>>();

    /// <summary>The customer was told this standing (in the answer that started the chat).</summary>
    public void Told(QueueStanding standing) => _told[standing.ConversationId] = standing;

    /// <summary>
    /// The standings to push now: in the queues whose standings the board re-derived since the last call, those that
    /// differ enough from what the customer heard last. Forgets the chats that are no longer waiting.
    /// </summary>
    public List<QueueStanding> TakeChanges(LiveBoard board)
    {
        var current = board.Standings;
        var changes = new List<QueueStanding>();
        var anyChanged = current.Count != _seen.Count;
        foreach (var (queue, standings) in current)
        {
            if (_seen.TryGetValue(queue, out var seen) && ReferenceEquals(seen, standings))
            {
                continue;
            }

            anyChanged = true;
            foreach (var standing in standings.Values)
            {
                if (Differs(_told.GetValueOrDefault(standing.ConversationId), standing))
                {
                    _told[standing.ConversationId] = standing;
                    changes.Add(standing);
                }
            }
        }

        if (anyChanged)
        {
            foreach (var gone in _told.Keys.Where(id => board.Standing(id) is null).ToList())
            {
                _told.Remove(gone);
            }
        }

        _seen = current;
        return changes;
    }

    /// <summary>Whether a standing moved enough to tell the customer (or to show the board a new one).</summary>
    internal static bool Differs(QueueStanding? told, QueueStanding now) =>
        told is null
        || told.Position != now.Position
        || !string.Equals(told.Queue, now.Queue, StringComparison.Ordinal)
        || told.EstimatedWait.HasValue != now.EstimatedWait.HasValue
        || told.NoEstimate != now.NoEstimate
        || (told.EstimatedWait is { } a && now.EstimatedWait is { } b && (a - b).Duration() >= EstimateStep);
}
