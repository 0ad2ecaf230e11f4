using Parley.Server.Contracts;
using Parley.Server.Queues;

namespace Parley.Server.Conversations;

/// <summary>
/// Applies the workflow's inactivity rules (<see cref="InactivityRules"/>) on the server's clock: once a second it scans
/// the open chats in memory — their times are set as messages are appended, so a scan reads no database — warns and
/// closes silent customers, and alerts agents (and the board, <see cref="OverdueReplies"/>) of overdue replies. Each
/// warning or close is checked again under the chat's lock, where a message that arrived meanwhile wins.
/// </summary>
internal sealed partial class InactivityWatch(
    OpenConversations open,
    QueueWorkflows workflows,
    ConversationLog log,
    ConversationService conversations,
    OverdueReplies overdue,
    IAgentNotifier agents,
    TimeProvider time,
    ILogger<InactivityWatch> logger) : BackgroundService
{
    /// <summary>Fine enough for rules counted in seconds (10 at least), and a scan of memory costs little.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ScanAsync();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogScanFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ScanAsync()
    {
        var now = time.GetUtcNow();
        var late = new List<OverdueReply>();
        foreach (var live in open.All)
        {
            var conversation = live.Conversation;
            if (conversation.Kind != ConversationKind.Chat)
            {
                continue;
            }

            var workflow = workflows.ForConversation(conversation);
            var times = live.Times;
            if (workflow.CustomerInactivity is { } rule)
            {
                switch (InactivityRules.Customer(times, rule, now))
                {
                    case CustomerSilenceStep.Warn:
                        await log.NoteAsync(conversation.Id, l => Warning(l, rule, now));
                        break;
                    case CustomerSilenceStep.Close:
                        if (await conversations.EndAsync(conversation.Id, "inactivity", log.Render(conversation, rule.Closing),
                            l => InactivityRules.Customer(l.Times, rule, now) == CustomerSilenceStep.Close, CancellationToken.None))
                        {
                            LogClosed(conversation.Id);
                        }

                        continue;
                }
            }

            if (conversation.AgentUsername is { } agent && InactivityRules.ReplyOverdueSince(times, workflow.AgentInactivity, now) is { } since)
            {
                late.Add(new OverdueReply(conversation.Id, agent, conversation.Queue, conversation.CustomerName, since));
            }
        }

        var (gone, added) = overdue.Replace(late);
        foreach (var reply in gone)
        {
            await agents.SendAsync(reply.Agent, new ReplyOverdueView(reply.ConversationId, null));
        }

        foreach (var reply in added)
        {
            LogReplyOverdue(reply.ConversationId, reply.Agent);
            await agents.SendAsync(reply.Agent, new ReplyOverdueView(reply.ConversationId, reply.WaitingSince));
        }
    }

    /// <summary>The warning's text if it is still due (under the chat's lock), marking its silence as warned.</summary>
    private string? Warning(LiveConversation live, CustomerInactivityDefinition rule, DateTimeOffset now)
    {
        if (InactivityRules.Customer(live.Times, rule, now) != CustomerSilenceStep.Warn || InactivityRules.CustomerSilentSince(live.Times) is not { } since)
        {
            return null;
        }

        live.Warned(since);
        return log.Render(live.Conversation, rule.Warning);
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Error, Message = "An inactivity scan failed; the next one goes on")]
    private partial void LogScanFailed(Exception exception);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "Conversation {ConversationId} closed: the customer was inactive")]
    private partial void LogClosed(Guid conversationId);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "Conversation {ConversationId} waits too long for a reply from {Agent}")]
    private partial void LogReplyOverdue(Guid conversationId, string agent);
}
