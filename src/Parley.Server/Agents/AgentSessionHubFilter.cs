using Microsoft.AspNetCore.SignalR;

namespace Parley.Server.Agents;

/// <summary>
/// The agent hub honours a connection only while its sign-in does: every call checks the session and the account's
/// roles as they are now, and an ended session (signed out, account deleted, demoted, password changed) closes
/// the connection at once, an expired one when it expires. Expiry is timed here on the server's clock rather than by
/// SignalR's <c>CloseOnAuthenticationExpiration</c>, which compares the ticket with the wall clock. This is the agent hub's authorization, so it stays here, on the agent hub only; turning its
/// refusal into a logged hub error, like every other failure of either hub, is <c>Hosting.HubErrorFilter</c>'s.
/// </summary>
internal sealed class AgentSessionHubFilter(AgentSessions sessions, CurrentAccount account, TimeProvider time) : IHubFilter
{
    private const string EndedMessage = "Your sign-in has ended; sign in again.";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = context.Context;
        if (CurrentAccount.SessionId(connection.User) is not { } session)
        {
            connection.Abort();
            return;
        }

        var ended = sessions.OnEnded(session, connection.Abort);
        var due = (sessions.ExpiresAt(session) ?? time.GetUtcNow()) - time.GetUtcNow();
        var expiry = time.CreateTimer(_ => connection.Abort(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        connection.Items[typeof(AgentSessionHubFilter)] = new Watch(ended, expiry);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        (context.Context.Items[typeof(AgentSessionHubFilter)] as IDisposable)?.Dispose();
        await next(context, exception);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocationContext.Context;
        if (!account.Allows(connection.User, AgentRoles.All))
        {
            connection.Abort();
            throw new HubException(EndedMessage);
        }

        return next(invocationContext);
    }

    private sealed class Watch(IDisposable ended, ITimer expiry) : IDisposable
    {
        public void Dispose()
        {
            ended.Dispose();
            expiry.Dispose();
        }
    }
}
