using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Hosting;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>The customer's real-time connection (edge). One connection serves one conversation.</summary>
[Authorize(Policy = CustomerEndpoints.Policy)]
public sealed class CustomerHub(ICoreClient core, CustomerBudgets budgets, CustomerConnections connections, TimeProvider time) : Hub<ICustomerClient>, IRateLimitedHub
{
    private static readonly TimeSpan LeftHintTimeout = TimeSpan.FromSeconds(2);

    private Guid ConversationId => Context.User!.ConversationId();

    public override Task OnConnectedAsync()
    {
        if (!connections.TryAdd(ConversationId, Context.ConnectionId))
        {
            throw new HubException($"This chat has at most {connections.Limit} connections open at once. Close another window of it and try again.");
        }

        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(ConversationId, Context.ConnectionId);
        if (exception is null && connections.Of(ConversationId).Count == 0)
        {
            // A browser closes the connection cleanly when the page is closed or left (a lost network ends it with an
            // error instead), and the widget's own "left" on pagehide seldom gets out first. Only a hint: bounded, and
            // a core out of reach is not worth a wait.
            using var hint = new CancellationTokenSource(LeftHintTimeout);
            try
            {
                await core.RequestAsync(new CustomerPageVisibility(ConversationId, Contracts.PageVisibility.Left), hint.Token);
            }
            catch (OperationCanceledException)
            {
                // Past the bound: the agent goes without this hint.
            }
        }
    }

    /// <summary>Answers the <see cref="MessageAccepted"/> on the wire (<see cref="HubErrorFilter"/> unwraps the result).</summary>
    public async Task<SendResult> Send(string clientMessageId, string text)
    {
        var (normalized, error) = MessageText.Normalize(text);
        error ??= MessageText.CheckClientMessageId(clientMessageId);
        if (error is not null)
        {
            return new SendResult.Refused(CoreError.Invalid, error);
        }

        return SendResult.From(await core.RequestAsync(new PostCustomerMessage(ConversationId, clientMessageId, normalized!), Context.ConnectionAborted));
    }

    public async Task Typing() =>
        (await core.RequestAsync(new CustomerTyping(ConversationId), Context.ConnectionAborted)).ValueOrThrow();

    /// <summary>
    /// The page with the chat became visible, hidden or was left (the browser's page visibility): the agent sees it. The
    /// core keeps one word per edge, so one tab leaving while another of the chat is still connected here is not "left".
    /// </summary>
    public async Task PageVisibility(PageVisibility visibility)
    {
        if (visibility == Contracts.PageVisibility.Left && connections.Of(ConversationId).Count > 1)
        {
            return;
        }

        (await core.RequestAsync(new CustomerPageVisibility(ConversationId, visibility), Context.ConnectionAborted)).ValueOrThrow();
    }

    /// <summary>After every (re)connect: the current status and every message after <paramref name="afterSeq"/>.</summary>
    public async Task<ResumeView> Resume(long afterSeq)
    {
        var conversation = (await core.RequestAsync(new GetConversation(ConversationId), Context.ConnectionAborted)).ValueOrThrow();
        var messages = (await core.RequestAsync(new GetMessages(ConversationId, Math.Max(0, afterSeq)), Context.ConnectionAborted)).ValueOrThrow();
        return new ResumeView(conversation.Status, messages, time.GetUtcNow());
    }

    public async Task End() =>
        (await core.RequestAsync(new EndConversation(ConversationId), Context.ConnectionAborted)).ValueOrThrow();

    /// <summary>Every call spends from the conversation's budget (shared with its REST calls and its other connections).</summary>
    RateLimitLease IRateLimitedHub.TakeCall() => budgets.TakeCall(ConversationId);

    Task IRateLimitedHub.SlowDownAsync(TimeSpan retryAfter) => Clients.Caller.SlowDown((int)Math.Ceiling(retryAfter.TotalMilliseconds));
}
