using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>The customer's real-time connection (edge). One connection serves one conversation.</summary>
[Authorize(Policy = CustomerEndpoints.Policy)]
public sealed class CustomerHub(ICoreClient core, CustomerBudgets budgets, TimeProvider time) : Hub<ICustomerClient>
{
    public static string Group(Guid conversationId) => "conversation:" + conversationId;

    private Guid ConversationId => Context.User!.ConversationId();

    public override async Task OnConnectedAsync()
    {
        // A few tabs are normal; dozens of connections are a way around the conversation's budget.
        var place = budgets.TakeConnection(ConversationId);
        if (!place.IsAcquired)
        {
            place.Dispose();
            throw new HubException($"This chat has at most {budgets.ConnectionLimit} connections open at once. Close another window of it and try again.");
        }

        Context.Items[nameof(CustomerBudgets)] = place;
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(ConversationId));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        (Context.Items[nameof(CustomerBudgets)] as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<MessageAccepted> Send(string clientMessageId, string text)
    {
        await ThrottleAsync();
        var (normalized, error) = MessageText.Normalize(text);
        error ??= MessageText.CheckClientMessageId(clientMessageId);
        if (error is not null)
        {
            throw new HubException(error);
        }

        return await core.RequestAsync(new PostCustomerMessage(ConversationId, clientMessageId, normalized!), Context.ConnectionAborted).OrHubError();
    }

    public async Task Typing()
    {
        await ThrottleAsync();
        await core.RequestAsync(new CustomerTyping(ConversationId), Context.ConnectionAborted).OrHubError();
    }

    /// <summary>After every (re)connect: the current status and every message after <paramref name="afterSeq"/>.</summary>
    public async Task<ResumeView> Resume(long afterSeq)
    {
        await ThrottleAsync();
        var conversation = await core.RequestAsync(new GetConversation(ConversationId), Context.ConnectionAborted).OrHubError();
        var messages = await core.RequestAsync(new GetMessages(ConversationId, Math.Max(0, afterSeq)), Context.ConnectionAborted).OrHubError();
        return new ResumeView(conversation.Status, messages, time.GetUtcNow());
    }

    public async Task End()
    {
        await ThrottleAsync();
        await core.RequestAsync(new EndConversation(ConversationId), Context.ConnectionAborted).OrHubError();
    }

    /// <summary>
    /// Every call spends from the conversation's budget (shared with its REST calls and its other connections).
    /// A limited caller is told so in a typed message, before the refusal, with when to try again.
    /// </summary>
    private async Task ThrottleAsync()
    {
        using var lease = budgets.TakeCall(ConversationId);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            await Clients.Caller.SlowDown((int)Math.Ceiling(wait.TotalMilliseconds));
            throw new HubException("Too many requests. Please slow down.");
        }
    }
}

internal static class CoreResultHubExtensions
{
    /// <summary>Starts a hub error the widget retries (same clientMessageId) instead of showing it as a refusal.</summary>
    public const string RetryMarker = "[retry] ";

    /// <summary>The value, or a hub error with the core's plain-words reason.</summary>
    public static async Task<T> OrHubError<T>(this Task<CoreResult<T>> result)
    {
        var r = await result;
        return r.Failure switch
        {
            null => r.Value!,
            { Error: CoreError.Unavailable } failure => throw new HubException(RetryMarker + failure.Detail),
            var failure => throw new HubException(failure.Detail),
        };
    }
}
