using Parley.Server.Queues;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Conversations;

/// <summary>The core's side of the edge contracts: answers each request with the conversation service.</summary>
internal sealed class CoreRequestHandler(ConversationService conversations, QueueCatalog queues) : ICoreRequestHandler
{
    public async Task<object> HandleAsync(CoreRequest request, CancellationToken cancellationToken) => request switch
    {
        GetQueueInfo r => QueueInfoOf(r.Queue),
        StartConversation r => await conversations.StartAsync(r, cancellationToken),
        GetConversation r => await conversations.GetViewAsync(r.ConversationId, cancellationToken),
        PostCustomerMessage r => await PostAsync(r, cancellationToken),
        GetMessages r => await conversations.GetMessagesAsync(r.ConversationId, r.AfterSeq, cancellationToken),
        CustomerTyping r => await DoneAsync(conversations.CustomerTypingAsync(r.ConversationId, cancellationToken)),
        EndConversation r => await DoneAsync(conversations.EndAsync(r.ConversationId, "customer", cancellationToken)),
        _ => throw new CoreException(CoreError.Invalid, $"Unknown request {request.GetType().Name}."),
    };

    private QueueInfo QueueInfoOf(string name)
    {
        var queue = queues.Find(name) ?? throw new CoreException(CoreError.NotFound, $"There is no queue named '{name}'.");
        return new QueueInfo(queue.Name, queue.DisplayName, queue.Welcome, [.. queue.Questions.Select(QuestionView.From)]);
    }

    private async Task<MessageAccepted> PostAsync(PostCustomerMessage request, CancellationToken cancellationToken)
    {
        var (text, error) = MessageText.Normalize(request.Text);
        error ??= MessageText.CheckClientMessageId(request.ClientMessageId);
        if (error is not null || text is null)
        {
            throw new CoreException(CoreError.Invalid, error ?? "The message is empty.");
        }

        return await conversations.AppendAsync(request.ConversationId, MessageSender.Customer, null, request.ClientMessageId, text, null, cancellationToken);
    }

    private static async Task<object> DoneAsync(Task task)
    {
        await task;
        return Done.Instance;
    }
}
