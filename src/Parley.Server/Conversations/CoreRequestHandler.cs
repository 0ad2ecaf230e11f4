using Parley.Server.Contracts;
using Parley.Server.Edges;
using Parley.Server.Files;
using Parley.Server.Queues;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Conversations;

/// <summary>The core's side of the edge contracts: answers each request with the conversation service.</summary>
internal sealed class CoreRequestHandler(
    ConversationService conversations, ConversationLog log, ConversationViewBuilder views, QueueCatalog queues, EdgeDirectory edges,
    AvailabilityPublisher availability, MessageTasks messages, SatisfactionRatings ratings, Transcripts transcripts, CustomerContexts contexts, TimeProvider time,
    ConversationAttachments attachments, FileDownloads files) : ICoreRequestHandler
{
    public async Task<object> HandleAsync(CoreRequest request, RequestOrigin origin, CancellationToken cancellationToken)
    {
        if (request is IConversationRequest about)
        {
            // Events for this conversation go to the edge its customer used last (it may have reconnected elsewhere).
            edges.Route(about.ConversationId, origin.Edge);
        }

        try
        {
            return await HandleAsync(request, origin.Edge, cancellationToken);
        }
        catch (CoreException) when (request is StartConversation refused)
        {
            // No conversation came of it: keep no route for it.
            edges.Forget(refused.ConversationId);
            throw;
        }
    }

    private async Task<object> HandleAsync(CoreRequest request, string edge, CancellationToken cancellationToken) => request switch
    {
        EdgeHeartbeat r => Heard(r, edge),
        GetQueueInfo r => QueueInfoOf(r.Queue),
        GetAvailability => availability.Current,
        LeaveMessage r => await messages.LeaveAsync(r, cancellationToken),
        StartConversation r => await conversations.StartAsync(r, cancellationToken),
        GetConversation r => await ViewAsync(r.ConversationId, cancellationToken),
        PostCustomerMessage r => await PostAsync(r, cancellationToken),
        GetMessages r => await MessagesAsync(r, cancellationToken),
        CustomerTyping r => await DoneAsync(log.CustomerTypingAsync(r.ConversationId, cancellationToken)),
        EndConversation r => await DoneAsync(conversations.EndAsync(r.ConversationId, "customer", cancellationToken)),
        RateConversation r => await ratings.RateAsync(r, cancellationToken),
        RequestTranscript r => await transcripts.RequestAsync(r, cancellationToken),
        CustomerPageVisibility r => await contexts.PageVisibilityAsync(r, edge, cancellationToken),
        PostCustomerAttachment r => await attachments.SendAsync(r.ConversationId, MessageSender.Customer, null, r.ClientMessageId, r.FileName, r.Content, null, cancellationToken),
        GetFile r => await files.ReadAsync(r.Token, LinkAudience.Customer, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "This link is not valid (any more)."),
        _ => throw new CoreException(CoreError.Invalid, $"Unknown request {request.GetType().Name}."),
    };

    /// <summary>This start of the core, told in every heartbeat's answer (<see cref="HeartbeatAnswer.CoreInstance"/>).</summary>
    private readonly Guid _instance = Guid.NewGuid();

    private HeartbeatAnswer Heard(EdgeHeartbeat heartbeat, string edge)
    {
        if (heartbeat.Name != edge)
        {
            throw new CoreException(CoreError.Invalid, $"The edge '{edge}' announced itself as '{heartbeat.Name}'.");
        }

        edges.Heard(heartbeat);
        return new HeartbeatAnswer(time.GetUtcNow(), _instance);
    }

    private QueueInfo QueueInfoOf(string name)
    {
        var queue = queues.Find(name) ?? throw new CoreException(CoreError.NotFound, $"There is no queue named '{name}'.");
        return new QueueInfo(queue.Name, queue.DisplayName, queue.Welcome, [.. queue.Questions.Select(q => q.ToView())]);
    }

    /// <summary>The conversation, if its customer token may still read it (<see cref="CustomerAccess"/>).</summary>
    private async Task<ConversationRecord> ReadableAsync(Guid conversationId, CancellationToken cancellationToken) =>
        Readable(await log.FindAsync(conversationId, cancellationToken));

    private ConversationRecord Readable(ConversationRecord? conversation)
    {
        CustomerAccess.Demand(CustomerAction.Read, conversation ?? throw new CoreException(CoreError.NotFound, "There is no such conversation."), time.GetUtcNow());
        return conversation;
    }

    private async Task<ConversationView> ViewAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var found = await log.FindWithLastSeqAsync(conversationId, cancellationToken);
        var conversation = Readable(found?.Conversation);
        return views.ViewOf(conversation, found?.LastSeq ?? 0) with { Survey = await ratings.SurveyOfAsync(conversation, cancellationToken) };
    }

    private async Task<IReadOnlyList<MessageView>> MessagesAsync(GetMessages request, CancellationToken cancellationToken)
    {
        await ReadableAsync(request.ConversationId, cancellationToken);
        return await log.GetMessagesAsync(request.ConversationId, request.AfterSeq, cancellationToken);
    }

    /// <summary>Writing after the end is refused by <see cref="ConversationLog.AppendAsync"/> under the conversation's lock (409), as <see cref="CustomerAccess"/> says.</summary>
    private async Task<MessageAccepted> PostAsync(PostCustomerMessage request, CancellationToken cancellationToken)
    {
        var (text, error) = MessageText.Normalize(request.Text);
        error ??= MessageText.CheckClientMessageId(request.ClientMessageId);
        if (error is not null || text is null)
        {
            throw new CoreException(CoreError.Invalid, error ?? "The message is empty.");
        }

        return await log.AppendAsync(request.ConversationId, MessageSender.Customer, null, request.ClientMessageId, text, null, cancellationToken);
    }

    private static async Task<object> DoneAsync(Task task)
    {
        await task;
        return Done.Instance;
    }
}
