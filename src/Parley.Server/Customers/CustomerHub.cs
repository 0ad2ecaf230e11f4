using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Parley.Server.Conversations;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>The customer's real-time connection (edge). One connection serves one conversation.</summary>
[Authorize(Policy = CustomerEndpoints.Policy)]
public sealed class CustomerHub(ICoreClient core, TimeProvider time) : Hub<ICustomerClient>
{
    public static string Group(Guid conversationId) => "conversation:" + conversationId;

    private Guid ConversationId => Context.User!.ConversationId();

    public override async Task OnConnectedAsync()
    {
        // Hostile input: a per-connection budget of calls (a burst of 20, then 5 a second).
        Context.Items[nameof(RateLimiter)] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 20,
            TokensPerPeriod = 5,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(ConversationId));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        (Context.Items[nameof(RateLimiter)] as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<MessageAccepted> Send(string clientMessageId, string text)
    {
        Throttle();
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
        Throttle();
        await core.RequestAsync(new CustomerTyping(ConversationId), Context.ConnectionAborted).OrHubError();
    }

    /// <summary>After every (re)connect: the current status and every message after <paramref name="afterSeq"/>.</summary>
    public async Task<ResumeView> Resume(long afterSeq)
    {
        Throttle();
        var conversation = await core.RequestAsync(new GetConversation(ConversationId), Context.ConnectionAborted).OrHubError();
        var messages = await core.RequestAsync(new GetMessages(ConversationId, Math.Max(0, afterSeq)), Context.ConnectionAborted).OrHubError();
        return new ResumeView(conversation.Status, messages, time.GetUtcNow());
    }

    public async Task End()
    {
        Throttle();
        await core.RequestAsync(new EndConversation(ConversationId), Context.ConnectionAborted).OrHubError();
    }

    private void Throttle()
    {
        using var lease = ((RateLimiter)Context.Items[nameof(RateLimiter)]!).AttemptAcquire();
        if (!lease.IsAcquired)
        {
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
