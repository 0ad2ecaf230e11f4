using Microsoft.EntityFrameworkCore;
using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Files;
using Parley.Server.Conversations;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Agents;

/// <summary>
/// Every agent action, for the agent hub and the Blazor desktop alike (one code path). Failures are
/// <see cref="CoreException"/>s with a plain-words reason.
/// </summary>
public sealed partial class AgentDesk(
    RoutingCoordinator routing,
    AgentRoutingEffects effects,
    ConversationService conversations,
    MessageTasks messages,
    ConversationLog log,
    ConversationViewBuilder views,
    QueueCatalog queues,
    AgentDirectory directory,
    IEdgePublisher edge,
    LiveBoard board,
    IDbContextFactory<ParleyDbContext> db,
    CustomerContexts contexts,
    ConversationNotes notes,
    TransferNotes transferNotes,
    ConversationWrapUps wrapUps,
    SupervisorScope scope,
    ConversationMonitors monitors,
    LiveChats liveChats,
    ISupervisionLog supervisionLog,
    ConversationHistory history,
    TimeProvider time)
{
    public const int MaxReasonLength = 100;

    /// <summary>Sets presence with an optional reason code (ignored for Available).</summary>
    public async Task SetPresenceAsync(string agent, AgentPresence presence, string? reason, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(presence))
        {
            throw new CoreException(CoreError.Invalid, "Presence must be available, away, doNotDisturb or offline.");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            throw new CoreException(CoreError.Invalid, $"A reason is at most {MaxReasonLength} characters.");
        }

        if (!ValidText.Is(reason))
        {
            throw new CoreException(CoreError.Invalid, "The reason: " + ValidText.Error);
        }

        Check(await routing.SetPresenceAsync(agent, presence, reason, cancellationToken));
    }

    /// <summary>Ends the agent's wrap-up early: they are ready for the next chat.</summary>
    public async Task EndWrapUpAsync(string agent, CancellationToken cancellationToken) =>
        Check(await routing.EndWrapUpAsync(agent, cancellationToken));

    /// <summary>Offers one of the agent's chats to another agent; it stays with this agent until accepted.</summary>
    public async Task TransferToAgentAsync(string agent, Guid conversationId, string toAgent, CancellationToken cancellationToken)
    {
        await OwnAsync(agent, conversationId, cancellationToken);
        Check(await routing.TransferToAgentAsync(conversationId, agent, toAgent, cancellationToken));
    }

    /// <summary>Puts one of the agent's chats into a queue; it keeps its original place in line by entry time.</summary>
    public async Task TransferToQueueAsync(string agent, Guid conversationId, string queue, CancellationToken cancellationToken)
    {
        await OwnAsync(agent, conversationId, cancellationToken);
        Check(await routing.TransferToQueueAsync(conversationId, agent, queue, cancellationToken));
    }

    /// <summary>Takes a waiting chat from a queue that allows manual pick.</summary>
    public async Task<AssignedConversationView> PickAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        Check(await routing.PickAsync(conversationId, agent, cancellationToken));
        return await AssignedAsync(conversationId, cancellationToken);
    }

    /// <summary>A supervisor gives a chat to an agent: a waiting one, or one another agent holds (who loses it).</summary>
    public async Task ForceAssignAsync(string supervisor, Guid conversationId, string agent, CancellationToken cancellationToken)
    {
        var conversation = await SupervisedAsync(supervisor, conversationId, cancellationToken);
        var held = conversation.State == ConversationState.Assigned;
        Check(await routing.ForceAssignAsync(conversationId, agent, cancellationToken));
        await RecordAsync(supervisor, held ? SupervisionAction.ReassignToAgent : SupervisionAction.ForceAssign, conversation, agent, cancellationToken);
    }

    /// <summary>A supervisor puts a chat an agent holds into a queue; it keeps its original place in line.</summary>
    public async Task MoveToQueueAsync(string supervisor, Guid conversationId, string queue, CancellationToken cancellationToken)
    {
        var conversation = await SupervisedAsync(supervisor, conversationId, cancellationToken);
        RequireSupervises(supervisor, queue);
        var outcome = await routing.MoveToQueueAsync(conversationId, queue, cancellationToken);
        if (outcome.Error == RoutingError.NotAssignedToAgent)
        {
            throw new CoreException(CoreError.Invalid, "No agent holds this chat now.");
        }

        Check(outcome);
        await RecordAsync(supervisor, SupervisionAction.ReassignToQueue, conversation, queue, cancellationToken);
    }

    /// <summary>The chats agents hold now, longest held first (a supervisor's list to move them from).</summary>
    public async Task<IReadOnlyList<AssignedChatView>> GetAssignedAsync(string supervisor, CancellationToken cancellationToken)
    {
        RequireSupervisor(supervisor);
        var supervised = scope.SupervisedQueues(supervisor).ToList();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var open = await context.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.Assigned && c.AgentUsername != null && supervised.Contains(c.Queue))
            .ToListAsync(cancellationToken);
        return [.. open.OrderBy(c => c.AssignedAt).ThenBy(c => c.Id) // SQLite cannot ORDER BY DateTimeOffset.
            .Select(c => new AssignedChatView(c.Id, c.Queue, queues.Find(c.Queue)?.DisplayName ?? c.Queue, c.CustomerName,
                c.AgentUsername!, directory.DisplayName(c.AgentUsername!), c.StartedAt, c.AssignedAt))];
    }

    /// <summary>How many chats the agent holds now (signing out returns them to their queue).</summary>
    public int OpenChatCount(string agent) => board.Agent(agent)?.ActiveConversations ?? 0;

    /// <summary>Where the agent can transfer a chat: the other agents with their state, and every queue.</summary>
    public TransferTargetsView GetTransferTargets(string agent) => new(
        [.. board.Agents.Where(a => a.Username != agent && a.Presence != AgentPresence.Offline)
            .Select(a => new TransferAgentView(a.Username, directory.DisplayName(a.Username), a.Status, a.Status == AgentStatus.Ready))],
        [.. queues.All.OrderBy(q => q.DisplayName, StringComparer.Ordinal).Select(q => new TransferQueueView(q.Name, q.DisplayName))]);

    /// <summary>The waiting chats the agent may pick: of their queues that allow manual pick, in queue order.</summary>
    public async Task<IReadOnlyList<WaitingChatView>> GetPickListAsync(string agent, CancellationToken cancellationToken)
    {
        var waiting = await routing.QueryAsync((engine, now) =>
        {
            var member = engine.GetAgent(agent)?.Queues.Select(m => m.Queue) ?? [];
            return member.Where(q => engine.GetQueueSettings(q)?.ManualPick == true).SelectMany(q => Waiting(engine, q, now)).ToList();
        }, cancellationToken);
        return await WaitingViewsAsync(waiting, cancellationToken);
    }

    /// <summary>The messages left while the agent's queues were closed, oldest first: the agent may take one now.</summary>
    public async Task<IReadOnlyList<WaitingChatView>> GetHeldMessagesAsync(string agent, CancellationToken cancellationToken)
    {
        var held = await messages.HeldAsync(cancellationToken);
        if (held.Count == 0)
        {
            return [];
        }

        var mine = (board.Agent(agent)?.Queues.Select(m => m.Queue) ?? []).ToHashSet(StringComparer.Ordinal);
        return [.. held.Where(c => mine.Contains(c.Queue)).Select((c, i) => new WaitingChatView(
            c.Id, c.Queue, views.QueueDisplayName(c.Queue), c.CustomerName, c.Answers, c.StartedAt, i + 1, BeingOffered: false, c.StartQueue ?? c.Queue))];
    }

    /// <summary>The agent takes a held message of one of their queues: it is routed to them at once.</summary>
    public async Task<AssignedConversationView> TakeMessageAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        var held = (await GetHeldMessagesAsync(agent, cancellationToken)).FirstOrDefault(m => m.ConversationId == conversationId)
            ?? throw new CoreException(CoreError.NotFound, "This message is no longer waiting, or not in one of your queues.");
        await messages.RouteAsync(held.ConversationId, cancellationToken);
        Check(await routing.ForceAssignAsync(conversationId, agent, cancellationToken));
        return await AssignedAsync(conversationId, cancellationToken);
    }

    /// <summary>The chats waiting in a queue the supervisor supervises, in queue order (their force-assign list).</summary>
    public async Task<IReadOnlyList<WaitingChatView>> GetWaitingAsync(string supervisor, string queue, CancellationToken cancellationToken)
    {
        RequireSupervises(supervisor, queue);
        var waiting = await routing.QueryAsync((engine, now) => Waiting(engine, queue, now).ToList(), cancellationToken);
        return await WaitingViewsAsync(waiting, cancellationToken);
    }

    private static IEnumerable<(ConversationSnapshot Chat, int Position)> Waiting(RoutingEngine engine, string queue, DateTimeOffset now) =>
        engine.GetQueued(queue, now).Select((c, i) => (c, i + 1));

    private async Task<IReadOnlyList<WaitingChatView>> WaitingViewsAsync(List<(ConversationSnapshot Chat, int Position)> waiting, CancellationToken cancellationToken)
    {
        if (waiting.Count == 0)
        {
            return [];
        }

        var ids = waiting.Select(w => w.Chat.ConversationId).ToList();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var records = await new ConversationQueries(context).QueuedAmongAsync(ids, cancellationToken);
        return [.. waiting.Where(w => records.ContainsKey(w.Chat.ConversationId)).Select(w =>
        {
            var c = records[w.Chat.ConversationId];
            return new WaitingChatView(c.Id, c.Queue, queues.Find(c.Queue)?.DisplayName ?? c.Queue, c.CustomerName, c.Answers,
                w.Chat.EnteredAt, w.Position, w.Chat.Stage == ConversationStage.Offered, c.StartQueue ?? c.Queue);
        })];
    }

    public AgentStateView StateOf(string agent) => board.Agent(agent) is { } a ? AgentStateView.From(a) : AgentStateView.Offline;

    public async Task<AssignedConversationView> AcceptAsync(string agent, Guid offerId, CancellationToken cancellationToken)
    {
        var outcome = await routing.AcceptAsync(agent, offerId, cancellationToken);
        Check(outcome);
        return await AssignedAsync(outcome.Events.OfType<ConversationAssigned>().Single().ConversationId, cancellationToken);
    }

    private async Task<AssignedConversationView> AssignedAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await log.FindAsync(conversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        return views.AssignedView(conversation);
    }

    public async Task DeclineAsync(string agent, Guid offerId, CancellationToken cancellationToken) =>
        Check(await routing.DeclineAsync(agent, offerId, cancellationToken));

    public async Task<MessageAccepted> SendAsync(string agent, Guid conversationId, string? clientMessageId, string? text, CancellationToken cancellationToken)
    {
        var (normalized, error) = MessageText.Normalize(text);
        error ??= MessageText.CheckClientMessageId(clientMessageId);
        if (error is not null)
        {
            throw new CoreException(CoreError.Invalid, error);
        }

        // An answer to a left message goes to the customer by e-mail, kept with the task like a chat's message.
        return await log.AppendAsync(conversationId, MessageSender.Agent, directory.DisplayName(agent), clientMessageId, normalized!, agent, cancellationToken,
            (conversation, message) => conversation.Kind == ConversationKind.Message ? MessageTasks.Answer(conversation, views.QueueDisplayName(conversation.Queue), message) : null);
    }

    public async Task TypingAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await OwnAsync(agent, conversationId, cancellationToken);
        if (conversation.State == ConversationState.Assigned)
        {
            await edge.PublishAsync(new AgentTyping(conversationId, directory.DisplayName(agent)), cancellationToken);
        }
    }

    public Task CloseAsync(string agent, Guid conversationId, CancellationToken cancellationToken) =>
        CloseAsync(agent, conversationId, wrapUpCode: null, cancellationToken);

    /// <summary>Closes the chat, choosing its wrap-up code first if given; a queue that requires one refuses a close without it.</summary>
    public async Task CloseAsync(string agent, Guid conversationId, string? wrapUpCode, CancellationToken cancellationToken)
    {
        var conversation = await OwnAsync(agent, conversationId, cancellationToken);
        if (wrapUpCode is not null)
        {
            await wrapUps.SetCodeAsync(conversation, agent, wrapUpCode, cancellationToken);
        }
        else if (await wrapUps.CheckCloseAsync(conversation, null, cancellationToken) is { } refused)
        {
            throw new CoreException(CoreError.Invalid, refused);
        }

        await conversations.EndAsync(conversationId, "agent", cancellationToken);
    }

    /// <summary>The transcript: for whoever may read the conversation now (<see cref="ReadableAsync"/>).</summary>
    /// <param name="afterSeq">Only the messages after this seq (0: all), so a client catches up from the last it has.</param>
    public async Task<IReadOnlyList<MessageView>> GetTranscriptAsync(string agent, Guid conversationId, CancellationToken cancellationToken, long afterSeq = 0)
    {
        await ReadableAsync(agent, conversationId, cancellationToken);
        return await log.GetMessagesAsync(conversationId, Math.Max(0, afterSeq), cancellationToken, LinkAudience.Agent);
    }

    /// <summary>The customer's page, browser, visits and presence on the page: for whoever may read the transcript.</summary>
    public async Task<CustomerContextView> GetCustomerContextAsync(string agent, Guid conversationId, CancellationToken cancellationToken) =>
        await contexts.ViewAsync(await ReadableAsync(agent, conversationId, cancellationToken), cancellationToken);

    /// <summary>
    /// The conversation, if this agent may read it now: it is assigned to them, or the history lets them find it (they
    /// were assigned to it, it is an earlier chat of a customer they hold, it is in a queue they supervise, they are an
    /// admin — the account as it is now). Otherwise a <see cref="CoreException"/> (404).
    /// </summary>
    public async Task<ConversationRecord> ReadableAsync(string agent, Guid conversationId, CancellationToken cancellationToken) =>
        await log.FindAsync(conversationId, cancellationToken) is { } conversation
        && (conversation.AgentUsername == agent || scope.MaySupervise(agent, conversation.Queue) || await history.MayReadAsync(agent, conversationId, cancellationToken))
            ? conversation
            : throw new CoreException(CoreError.NotFound, "This conversation is not assigned to you.");

    /// <summary>What a desktop shows after a (re)load: open chats and pending offers.</summary>
    public async Task<(IReadOnlyList<AssignedConversationView> Conversations, IReadOnlyList<OfferView> Offers)> GetWorkAsync(string agent, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var open = await new ConversationQueries(context).AssignedToAsync(agent, cancellationToken);
        var offers = new List<OfferView>();
        foreach (var offer in board.Offers(agent))
        {
            if (await log.FindAsync(offer.ConversationId, cancellationToken) is { } conversation)
            {
                offers.Add(await effects.OfferViewAsync(offer.OfferId, offer.OfferedAt, offer.ExpiresAt, offer.FromUsername, conversation, cancellationToken));
            }
        }

        return ([.. open.Select(views.AssignedView)], offers);
    }


    private async Task<ConversationRecord> OwnAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await log.FindAsync(conversationId, cancellationToken);
        return conversation is not null && conversation.AgentUsername == agent
            ? conversation
            : throw new CoreException(CoreError.NotFound, "This conversation is not assigned to you.");
    }

    /// <summary>Rights are the account's as it is now, whatever the caller's sign-in said.</summary>
    private void RequireSupervisor(string username)
    {
        if (!directory.HasRole(username, AgentRoles.Supervisors))
        {
            throw new CoreException(CoreError.Forbidden, "Only a supervisor can do this.");
        }
    }

    /// <summary>A supervisor of <paramref name="queue"/> now (team scoping), or a refusal.</summary>
    private void RequireSupervises(string username, string queue)
    {
        RequireSupervisor(username);
        if (!scope.MaySupervise(username, queue))
        {
            throw new CoreException(CoreError.Forbidden, "You do not supervise this queue.");
        }
    }

    /// <summary>The conversation, if <paramref name="supervisor"/> supervises its queue now; otherwise a refusal.</summary>
    private async Task<ConversationRecord> SupervisedAsync(string supervisor, Guid conversationId, CancellationToken cancellationToken)
    {
        RequireSupervisor(supervisor);
        var conversation = await log.FindAsync(conversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        RequireSupervises(supervisor, conversation.Queue);
        return conversation;
    }

    private static void Check(RoutingOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            throw new CoreException(error.ToFailure());
        }
    }
}
