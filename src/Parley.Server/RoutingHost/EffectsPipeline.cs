using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// Carries out routing's decisions outside its gate, in decision order for each conversation and each agent: an
/// effect starts once every earlier effect about the same conversation or agent has finished; effects about
/// different ones run side by side. <see cref="Enqueue"/> is called under the gate, so the order of calls is the order
/// of the decisions and the tails need no lock of their own.
/// </summary>
public sealed partial class EffectsPipeline(ILogger<EffectsPipeline> logger)
{
    /// <summary>The last effect scheduled for each conversation (Guid) and agent (username).</summary>
    private readonly Dictionary<object, Task> _tails = [];
    private int _pruneAt = 1024;

    /// <summary>Schedules the effects in order; the task completes when all of them have run (failures are logged, not thrown).</summary>
    public Task Enqueue<T>(IReadOnlyList<T> items, Func<T, IEnumerable<object>> keys, Func<T, Task> effect, Func<T, string> name)
    {
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        Prune();
        var done = new Task[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemKeys = keys(item).Distinct().ToList();
            var before = itemKeys.Select(k => _tails.GetValueOrDefault(k)).OfType<Task>().Where(t => !t.IsCompleted).ToArray();
            var task = RunAfterAsync(before, item, effect, name);
            foreach (var key in itemKeys)
            {
                _tails[key] = task;
            }

            done[i] = task;
        }

        return Task.WhenAll(done);
    }

    /// <summary>The conversations and agents a decision is about.</summary>
    public static IEnumerable<object> KeysOf(RoutingEvent routingEvent) => routingEvent switch
    {
        OfferCreated e => e.FromUsername is { } from ? [e.ConversationId, e.Username, from] : [e.ConversationId, e.Username],
        OfferWithdrawn e => [e.ConversationId, e.Username],
        ConversationAssigned e => e.FromUsername is { } from ? [e.ConversationId, e.Username, from] : [e.ConversationId, e.Username],
        ConversationRequeued e => e.FromUsername is { } from ? [e.ConversationId, from] : [e.ConversationId],
        TransferFailed e => [e.ConversationId, e.FromUsername, e.ToUsername],
        ConversationWaitExceeded e => [e.ConversationId],
        AgentStateChanged e => [e.Agent.Username],
        _ => [],
    };

    private async Task RunAfterAsync<T>(Task[] before, T item, Func<T, Task> effect, Func<T, string> name)
    {
        if (before.Length > 0)
        {
            // Never faults: each effect logs its own failure.
            await Task.WhenAll(before);
        }
        else
        {
            // Off the caller's thread at once: the gate is released before any effect runs.
            await Task.Yield();
        }

        try
        {
            await effect(item);
        }
        catch (Exception e)
        {
            // Routing's state has moved on; a failed notification must not stop the others.
            LogEffectFailed(e, name(item));
        }
    }

    /// <summary>Forgets finished tails now and then, so the map holds about what is in flight.</summary>
    private void Prune()
    {
        if (_tails.Count < _pruneAt)
        {
            return;
        }

        foreach (var key in _tails.Where(t => t.Value.IsCompleted).Select(t => t.Key).ToList())
        {
            _tails.Remove(key);
        }

        _pruneAt = Math.Max(1024, _tails.Count * 2);
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Carrying out routing event {Event} failed")]
    private partial void LogEffectFailed(Exception exception, string @event);
}
