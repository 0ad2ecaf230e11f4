using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Edges;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// The conversation commands that involve routing: start (store, then queue) and end (log, then free the agent).
/// Locking order: routing gate, then conversation lock — never a routing call while a conversation lock is held.
/// </summary>
public sealed partial class ConversationService(
    IDbContextFactory<ParleyDbContext> db,
    ConversationLocks locks,
    ConversationLog log,
    ConversationViewBuilder views,
    TimeProvider time,
    QueueCatalog queues,
    RoutingCoordinator routing,
    AvailabilityPublisher availability,
    Transcripts transcripts,
    CustomerContexts contexts,
    ILogger<ConversationService> logger)
{
    public async Task<ConversationStarted> StartAsync(StartConversation request, CancellationToken cancellationToken)
    {
        ConversationRecord conversation;
        QueueRecord queue;
        string? previousAgent;
        // Under the conversation's lock, released before routing (locking order): the same start sent again at once — a
        // customer's retry while the first attempt was still on its way — finds the conversation the other one stored.
        using (await locks.AcquireAsync(request.ConversationId, cancellationToken))
        {
            if (log.FindOpen(request.ConversationId) is { } open)
            {
                // The same start again (a retry with the same Idempotency-Key, or the broker redelivering): one conversation.
                return new ConversationStarted(open.Id, views.StatusOf(open));
            }

            try
            {
                (conversation, queue, previousAgent) = await StoreAsync(request, cancellationToken);
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // Started before and ended since (open ones are in memory): the database's key answers, so a new start
                // costs no read. The stored one is the answer.
                var started = await log.FindAsync(request.ConversationId, cancellationToken)
                    ?? throw new InvalidOperationException($"Conversation {request.ConversationId} exists and cannot be read.", e);
                return new ConversationStarted(started.Id, views.StatusOf(started));
            }
        }

        LogStarted(conversation.Id, queue.Name);
        var routingRequest = new Parley.Routing.ConversationRequest(conversation.Id, queue.Name, conversation.StartedAt)
        {
            Answers = conversation.Answers,
            PreviousAgent = previousAgent,
        };
        var (outcome, standing) = await routing.EnqueueAsync(routingRequest, cancellationToken);
        if (outcome.Error is { } refused)
        {
            // Not routed (full, or the queue was removed a moment ago): end it rather than leave it waiting forever.
            var full = refused == Parley.Routing.RoutingError.QueueFull;
            await log.EndAsync(conversation.Id, "system", full
                ? "The queue is full right now. Please try again in a few minutes."
                : "This chat could not be queued. Please try again.", CancellationToken.None);
            throw full
                ? new CoreException(CoreError.Full, $"The queue '{queue.DisplayName}' is full right now. Please try again in a few minutes.")
                : new CoreException(CoreError.NotFound, $"There is no queue named '{request.Queue}'.");
        }

        return new ConversationStarted(conversation.Id, ConversationStatus.Queued(standing));
    }

    /// <summary>Checks and stores a new conversation; answers its queue and the visitor's previous agent (affinity), if any.</summary>
    private async Task<(ConversationRecord Conversation, QueueRecord Queue, string? PreviousAgent)> StoreAsync(StartConversation request, CancellationToken cancellationToken)
    {
        var queue = queues.Find(request.Queue) ?? throw new CoreException(CoreError.NotFound, $"There is no queue named '{request.Queue}'.");
        if (availability.For(queue.Name) is { State: AvailabilityState.Closed, Policy: not AvailabilityPolicy.Queue } closed)
        {
            // Its policy offers no chat while closed (a form or nothing): say so rather than queue a chat nobody takes.
            // A lack of agents never refuses a start.
            throw new CoreException(CoreError.Closed, closed.NextOpening is { } opening
                ? $"The queue '{queue.DisplayName}' is closed now. It opens again at {opening.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}."
                : $"The queue '{queue.DisplayName}' is closed now.");
        }

        if (!ValidText.Is(request.Customer.Name) || !ValidText.Is(request.Customer.Email) || !ValidText.Is(request.VisitorId))
        {
            // The edge checks these too; the core trusts no edge with what reaches the database.
            throw new CoreException(CoreError.Invalid, ValidText.Error);
        }

        if (!CustomerTimeZone.TryParse(request.Customer.TimeZone, out var timeZone))
        {
            throw new CoreException(new CoreFailure(CoreError.Invalid, CustomerTimeZone.Error, new Dictionary<string, string[]> { [CustomerTimeZone.Field] = [CustomerTimeZone.Error] }));
        }

        var answers = PreChatAnswers.Validate(queue, request.Answers);
        var now = time.GetUtcNow();
        var conversation = new ConversationRecord
        {
            Id = request.ConversationId,
            Queue = queue.Name,
            StartQueue = queue.Name,
            CustomerName = request.Customer.Name.Trim(),
            CustomerEmail = string.IsNullOrWhiteSpace(request.Customer.Email) ? null : request.Customer.Email.Trim(),
            Answers = answers,
            VisitorId = request.VisitorId,
            TimeZone = timeZone?.Id,
            CustomerContext = CustomerContexts.RecordOf(request.Context),
            State = ConversationState.Queued,
            StartedAt = now,
            WorkflowVersion = queue.WorkflowVersion,
            Messages =
            [
                new MessageRecord { Seq = 1, Sender = MessageSender.System, Text = queue.Welcome ?? $"Welcome! You are in the queue for {queue.DisplayName}.", SentAt = now },
            ],
        };

        string? previousAgent = null;
        if (request.VisitorId is { } visitor && queue.AffinitySeconds > 0)
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            previousAgent = await new ConversationQueries(context).LatestAgentOfVisitorAsync(visitor, cancellationToken);
        }

        await log.StoreStartedAsync(conversation);
        return (conversation, queue, previousAgent);
    }

    /// <summary>Ends the conversation (idempotent) and frees the agent's capacity.</summary>
    public Task EndAsync(Guid conversationId, string endedBy, CancellationToken cancellationToken) =>
        EndAsync(conversationId, endedBy, text: null, due: null, cancellationToken);

    /// <summary>
    /// Ends the conversation with <paramref name="text"/> if it is still <paramref name="due"/> (checked under its lock),
    /// frees the agent, and mails the transcript when the chat's workflow sends it by itself.
    /// </summary>
    public async Task<bool> EndAsync(Guid conversationId, string endedBy, string? text, Func<LiveConversation, bool>? due, CancellationToken cancellationToken)
    {
        if (!await log.EndAsync(conversationId, endedBy, text, cancellationToken, due))
        {
            return false;
        }

        contexts.Forget(conversationId);
        await routing.EndAsync(conversationId, cancellationToken);
        await transcripts.SendAutomaticAsync(conversationId, CancellationToken.None);
        return true;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Conversation {ConversationId} started in queue {Queue}")]
    private partial void LogStarted(Guid conversationId, string queue);
}
