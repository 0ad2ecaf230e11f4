using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;

namespace Parley.Server.Hosting;

/// <summary>
/// Every hub call (both hubs) ends here. A refusal — a <see cref="HubException"/> (rate limit, bad input), a
/// <see cref="CoreException"/> (not your chat, no such queue: shown to the client in the core's words) or a call on a
/// closing connection — is the client's business and logged at Debug, without a stack: a client spamming refused calls
/// must not flood the log. Anything else is a bug, logged once at Error with its stack (SignalR's own "Failed to invoke
/// hub method" error is filtered out in <see cref="HostingExtensions"/>) and hidden from the client.
/// </summary>
internal sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
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
            return await next(invocationContext);
        }
        catch (CoreException e)
        {
            LogRefused(invocationContext, e.Message);
            throw new HubException(e.Message);
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

    private void LogRefused(HubInvocationContext call, string reason) =>
        LogRefused(call.Hub.GetType().Name, call.HubMethodName, call.Context.UserIdentifier ?? call.Context.ConnectionId, reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "{Hub}.{Method} by {Caller} refused: {Reason}")]
    private partial void LogRefused(string hub, string method, string caller, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "{Hub}.{Method} failed on connection {ConnectionId}")]
    private partial void LogFailed(string hub, string method, string connectionId, Exception exception);
}
