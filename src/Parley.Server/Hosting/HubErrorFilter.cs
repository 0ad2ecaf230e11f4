using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;

namespace Parley.Server.Hosting;

/// <summary>
/// The one filter of both hubs (customer and agent). Before a call: its rate limit, for a hub that has one
/// (<see cref="IRateLimitedHub"/>). After it: the one translation of a failure to the wire. A
/// <see cref="CoreException"/> or a refused <see cref="SendResult"/> becomes a <see cref="HubException"/> with the
/// core's sentence, prefixed <see cref="RetryMarker"/> when the same call may simply be sent again (docs/api.md,
/// "Outages of the core"); an accepted <see cref="SendResult"/> goes out as its message. A refusal — those, a
/// <see cref="HubException"/> (rate limit, bad input, an ended sign-in) or a call on a closing connection — is the
/// client's business and logged at Debug, without a stack: a client spamming refused calls must not flood the log.
/// Anything else is a bug, logged once at Error with its stack (SignalR's own "Failed to invoke hub method" error is
/// filtered out in <see cref="HostingExtensions"/>) and hidden from the client.
/// </summary>
internal sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    /// <summary>Starts a hub error the client retries (same call, same clientMessageId) instead of showing it as a refusal.</summary>
    public const string RetryMarker = "[retry] ";

    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>SignalR logs an exception from <c>OnConnectedAsync</c> (a refused connection) here, at Error.</summary>
    public const string ConnectionHandlerCategory = "Microsoft.AspNetCore.SignalR.HubConnectionHandler";

    /// <summary>A refused connection (too many for one chat, a sign-in that has ended) is logged like a refused call.</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (HubException e)
        {
            LogRefused(context.Hub.GetType().Name, "OnConnectedAsync", context.Context.UserIdentifier ?? context.Context.ConnectionId, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(context.Hub.GetType().Name, "OnConnectedAsync", context.Context.ConnectionId, e);
            throw;
        }
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            if (invocationContext.Hub is IRateLimitedHub limited)
            {
                await ThrottleAsync(limited);
            }

            return await next(invocationContext) switch
            {
                SendResult.Accepted accepted => accepted.Message,
                SendResult { Failure: { } failure } => throw ToHubException(failure),
                var value => value,
            };
        }
        catch (CoreException e)
        {
            var refusal = ToHubException(e.Failure);
            LogRefused(invocationContext, refusal.Message);
            throw refusal;
        }
        catch (HubException e)
        {
            LogRefused(invocationContext, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            LogRefused(invocationContext, "the connection closed");
            throw;
        }
        catch (Exception e)
        {
            LogFailed(invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, e);
            throw;
        }
    }

    /// <summary>The wire form of a failure: the core's sentence, marked when the same call may be sent again.</summary>
    public static HubException ToHubException(CoreFailure failure) =>
        new(failure.Error == CoreError.Unavailable ? RetryMarker + failure.Detail : failure.Detail);

    private static async Task ThrottleAsync(IRateLimitedHub hub)
    {
        using var lease = hub.TakeCall();
        if (!lease.IsAcquired)
        {
            await hub.SlowDownAsync(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
            throw new HubException("Too many requests. Please slow down.");
        }
    }

    private void LogRefused(HubInvocationContext call, string reason) =>
        LogRefused(call.Hub.GetType().Name, call.HubMethodName, call.Context.UserIdentifier ?? call.Context.ConnectionId, reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "{Hub}.{Method} by {Caller} refused: {Reason}")]
    private partial void LogRefused(string hub, string method, string caller, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "{Hub}.{Method} failed on connection {ConnectionId}")]
    private partial void LogFailed(string hub, string method, string connectionId, Exception exception);
}
