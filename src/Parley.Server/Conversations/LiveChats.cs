using Parley.Server.Contracts;
using Parley.Server.Queues;

namespace Parley.Server.Conversations;

/// <summary>
/// The chats in progress (an agent holds them), derived from the open conversations in memory on each read — no
/// database read, nothing kept beside them. The conversation log calls <see cref="Touched"/> on every delivered
/// message (a customer's message, an assignment, a transfer, an end all deliver one), and supervisors' pages redraw on
/// <see cref="Changed"/>, raised at most once per burst (a notification already on its way shows later touches too).
/// </summary>
public sealed partial class LiveChats(OpenConversations open, QueueCatalog queues, Accounts.AgentDirectory directory, ILogger<LiveChats> logger)
{
    private int _notifying;

    /// <summary>Raised on a pool thread after chats changed; handlers must be short (a page re-reads and redraws).</summary>
    public event Action? Changed;

    /// <summary>Every chat in progress now, longest running first.</summary>
    public IReadOnlyList<LiveChatView> All => [.. open.All.Select(View).OfType<LiveChatView>().OrderBy(c => c.StartedAt).ThenBy(c => c.ConversationId)];

    /// <summary>The chat in progress, or null (waiting, ended, or not known).</summary>
    public LiveChatView? Find(Guid conversationId) => open.Live(conversationId) is { } live ? View(live) : null;

    /// <summary>A message of a chat was delivered: its row or its customer's last message may have changed.</summary>
    internal void Touched()
    {
        if (Changed is null || Interlocked.Exchange(ref _notifying, 1) == 1)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static chats =>
        {
            Volatile.Write(ref chats._notifying, 0);
            chats.Raise();
        }, this, preferLocal: false);
    }

    private LiveChatView? View(LiveConversation live)
    {
        var c = live.Conversation;
        if (c is not { State: ConversationState.Assigned, AgentUsername: { } agent, AssignedAt: { } assignedAt })
        {
            return null;
        }

        return new LiveChatView(c.Id, c.Queue, queues.Find(c.Queue)?.DisplayName ?? c.Queue, c.CustomerName, agent, directory.DisplayName(agent),
            c.StartedAt, c.QueuedAt ?? c.StartedAt, assignedAt, live.Times.LastCustomerAt);
    }

    private void Raise()
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                LogHandlerFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 1040, Level = LogLevel.Error, Message = "A live chats subscriber failed")]
    private partial void LogHandlerFailed(Exception exception);
}
