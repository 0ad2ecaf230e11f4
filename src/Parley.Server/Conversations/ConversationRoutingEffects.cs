using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.Edges;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Conversations;

/// <summary>Carries out routing's decisions on conversations: assignments, moves between queues, the maximum wait.</summary>
public sealed partial class ConversationRoutingEffects(
    ConversationLog log,
    ConversationViewBuilder views,
    IEdgePublisher edge,
    IAgentNotifier agents,
    AgentDirectory directory,
    QueueWorkflows workflows,
    Transcripts transcripts,
    EdgeDirectory edges,
    TransferNotes transferNotes,
    ILogger<ConversationRoutingEffects> logger) : IRoutingEffectHandler
{
    public Task ApplyAsync(RoutingEvent routingEvent) => routingEvent switch
    {
        ConversationAssigned assigned => AssignAsync(assigned),
        ConversationRequeued moved => RequeueAsync(moved),
        ConversationWaitExceeded exceeded => EndUnansweredAsync(exceeded),
        OfferWithdrawn { Reason: OfferEndReason.ConversationEnded } withdrawn => ForgetTransferNote(withdrawn.ConversationId),
        _ => Task.CompletedTask,
    };

    // A chat that ended while its transfer was offered went nowhere: the note held for that transfer is not kept.
    private Task ForgetTransferNote(Guid conversationId)
    {
        transferNotes.Drop(conversationId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Routing gave the conversation to an agent (from the queue, or from another agent by transfer or by a
    /// supervisor): record it, tell everyone involved.
    /// </summary>
    private async Task AssignAsync(ConversationAssigned assigned)
    {
        var (conversationId, agentUsername, fromAgent) = (assigned.ConversationId, assigned.Username, assigned.FromUsername);
        LogAssigned(conversationId, agentUsername, assigned.Kind);
        var none = CancellationToken.None;
        var expected = fromAgent is null ? ConversationState.Queued : ConversationState.Assigned;
        var agentName = directory.DisplayName(agentUsername);
        // The row and the customer's "joined" line in one write; the two sides hear of it before the line arrives.
        var stored = await log.ChangeAsync(conversationId, (c, now) =>
        {
            if (c.State != expected || (fromAgent is not null && c.AgentUsername != fromAgent))
            {
                return (null, null, null); // Ended while the offer was being accepted; routing is told by ConversationService.EndAsync.
            }

            var facts = AssignedFacts(c, assigned, now);
            c.State = ConversationState.Assigned;
            c.AgentUsername = agentUsername;
            c.AssignedAt = assigned.AssignedAt;
            var assignment = new ConversationAssignmentRecord
            {
                ConversationId = conversationId, Agent = agentUsername, FromAgent = fromAgent, Kind = Via(assigned.Kind), AssignedAt = assigned.AssignedAt,
            };
            return ((fromAgent, assigned.Kind) switch
            {
                // The joined line of the workflow version the chat started with.
                (null, _) => workflows.ForConversation(c).AgentJoined is { } joined ? log.Render(c, joined, agentName) : $"{agentName} joined the chat.",
                (_, AssignmentKind.Forced) => $"{agentName} took over the chat from {directory.DisplayName(fromAgent)}.",
                _ => $"{directory.DisplayName(fromAgent)} transferred the chat to {agentName}.",
            }, facts, assignment);
        }, async conversation =>
        {
            if (fromAgent is not null)
            {
                await agents.SendAsync(fromAgent, new ConversationTransferredView(conversationId, agentName, null));
            }

            await agents.SendAsync(agentUsername, views.AssignedView(conversation));
            await edge.PublishAsync(new StatusChanged(conversationId, new ConversationStatus(ConversationState.Assigned, agentName)), none);
        });
        if (stored is not null && assigned.Kind == AssignmentKind.Transfer)
        {
            // The transfer happened: only now is the note it came with stored.
            await transferNotes.StoreAsync(stored, agentUsername, none);
        }
    }

    /// <summary>
    /// Routing moved the conversation into a queue (transfer to queue, overflow, a supervisor's move) or back into
    /// its own (its agent went Offline). The transcript and pre-chat answers stay with it; the next agent sees both.
    /// </summary>
    private async Task RequeueAsync(ConversationRequeued moved)
    {
        var (conversationId, queueName, fromAgent) = (moved.ConversationId, moved.Queue, moved.FromUsername);
        LogRequeued(conversationId, moved.FromQueue, queueName, moved.Reason);
        var none = CancellationToken.None;
        var queueDisplay = views.QueueDisplayName(queueName);
        var stored = await log.ChangeAsync(conversationId, (c, now) =>
        {
            var before = c.Copy();
            c.Queue = queueName;
            c.State = ConversationState.Queued;
            c.AgentUsername = null;
            c.AssignedAt = null;
            c.QueuedAt = now;
            return (RequeuedText(moved.Reason, fromAgent is null ? null : directory.DisplayName(fromAgent), queueDisplay), RequeuedFacts(before, c, moved, now), null);
        }, async _ =>
        {
            if (fromAgent is not null)
            {
                await agents.SendAsync(fromAgent, new ConversationTransferredView(conversationId, null, queueDisplay));
            }

            // The widget's header names the queue the chat is in now.
            await edge.PublishAsync(new StatusChanged(conversationId, ConversationStatus.Queued(null) with { QueueDisplayName = queueDisplay }), none);
        });
        if (stored is not null && moved.Reason == RequeueReason.Transfer)
        {
            await transferNotes.StoreAsync(stored, queueName, none);
        }
    }

    /// <summary>
    /// The facts of an assignment: a chat taken from the queue is answered (its wait); one passed from agent to agent is
    /// a transfer (the giver's handling time) and then the receiver's acceptance in the same queue segment. A
    /// supervisor's takeover closes the first agent's handling the same way (Detail takeover), without counting as a
    /// transfer of theirs.
    /// </summary>
    private static List<ReportEventRecord> AssignedFacts(ConversationRecord before, ConversationAssigned assigned, DateTimeOffset now)
    {
        var via = Via(assigned.Kind);
        if (assigned.FromUsername is not { } from)
        {
            var waited = ConversationFacts.Ms(now) - ConversationFacts.Ms(ConversationFacts.QueuedAt(before));
            return [ConversationFacts.Of(ReportEventKinds.Accepted, before, now, assigned.Username, waited, via)];
        }

        var handed = ConversationFacts.HandledMs(before, now);
        var facts = new List<ReportEventRecord>(2);
        if (assigned.Kind is AssignmentKind.Transfer or AssignmentKind.Forced)
        {
            var transferred = ConversationFacts.Of(ReportEventKinds.Transferred, before, now, from, handed, assigned.Kind == AssignmentKind.Transfer ? "agent" : "takeover");
            transferred.Target = assigned.Username;
            facts.Add(transferred);
        }

        // A supervisor's takeover from an agent is not an answer from the queue: named apart from a forced assignment.
        facts.Add(ConversationFacts.Of(ReportEventKinds.Accepted, before, now, assigned.Username, 0, assigned.Kind == AssignmentKind.Forced ? "takeover" : via));
        return facts;
    }

    /// <summary>How a chat came to its agent, as the facts and the assignment history name it.</summary>
    private static string Via(AssignmentKind kind) => kind switch
    {
        AssignmentKind.Picked => "picked",
        AssignmentKind.Forced => "forced",
        AssignmentKind.Transfer => "transfer",
        AssignmentKind.Restored => "restored",
        _ => "offer",
    };

    /// <summary>
    /// The facts of a move into a queue: a transfer or an overflow out of the old queue first (its segment's outcome),
    /// then the entry into the new one (a new segment from now).
    /// </summary>
    private List<ReportEventRecord> RequeuedFacts(ConversationRecord before, ConversationRecord after, ConversationRequeued moved, DateTimeOffset now)
    {
        var handled = ConversationFacts.HandledMs(before, now);
        var facts = new List<ReportEventRecord>(2);
        string via;
        switch (moved.Reason)
        {
            case RequeueReason.Transfer:
                var transferred = ConversationFacts.Of(ReportEventKinds.Transferred, before, now, moved.FromUsername, handled, "queue");
                transferred.Target = moved.Queue;
                facts.Add(transferred);
                via = "transfer";
                break;
            case RequeueReason.Overflow:
                var overflowed = ConversationFacts.Of(ReportEventKinds.Overflowed, before, now);
                overflowed.Target = moved.Queue;
                facts.Add(overflowed);
                via = "overflow";
                break;
            case RequeueReason.AgentOffline:
                via = "agentOffline";
                break;
            default:
                via = "supervisor";
                break;
        }

        // A transfer names its giver on the transfer itself; a return or a move names the agent who had the chat here.
        var returned = moved.Reason is RequeueReason.AgentOffline or RequeueReason.Supervisor;
        facts.Add(ConversationFacts.Queued(after, via, edges.OriginOf(after.Id), returned ? moved.FromUsername : null, returned ? handled : null));
        return facts;
    }

    /// <summary>What the customer reads when their chat goes (back) into a queue: plain words, their place kept.</summary>
    private static string RequeuedText(RequeueReason reason, string? fromAgent, string queueDisplay) => reason switch
    {
        RequeueReason.AgentOffline =>
            $"{fromAgent ?? "Your agent"} had to leave. Your chat is back in the queue, keeping its place, and the next free agent will answer you here.",
        RequeueReason.Supervisor =>
            $"Your chat was moved to {queueDisplay}, keeping its place in line. The next free agent will answer you here.",
        _ when fromAgent is null => $"Your chat moved to {queueDisplay} so that it is answered sooner.",
        _ => $"{fromAgent} transferred the chat to {queueDisplay}.",
    };

    /// <summary>Routing gave up on the chat (the queue's maximum wait): end it with a message the customer understands.</summary>
    private async Task EndUnansweredAsync(ConversationWaitExceeded exceeded)
    {
        LogWaitExceeded(exceeded.ConversationId, exceeded.Queue);
        // Routing itself ended the chat: it is not called back.
        if (await log.EndAsync(exceeded.ConversationId, "system", "Sorry, no agent could take your chat in time. Please try again later.", CancellationToken.None, expired: true))
        {
            await transcripts.SendAutomaticAsync(exceeded.ConversationId, CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to {Agent} ({Kind})")]
    private partial void LogAssigned(Guid conversationId, string agent, AssignmentKind kind);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Conversation {ConversationId} moved from {FromQueue} to {Queue} ({Reason})")]
    private partial void LogRequeued(Guid conversationId, string fromQueue, string queue, RequeueReason reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Conversation {ConversationId} waited the maximum time in {Queue}")]
    private partial void LogWaitExceeded(Guid conversationId, string queue);
}
