using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Parley.Server.Accounts;
using Parley.Server.Agents;

namespace Parley.Server.Components;

/// <summary>
/// The authentication state of a Blazor circuit (and of a statically rendered page): the account as it is now. An open
/// desk or admin page learns at once when its session ends (signed out, account deleted, demoted, password changed)
/// or expires, and when the account's roles change; the router then shows the sign-in notice instead of the page.
/// </summary>
internal sealed class CircuitAuthentication(AgentSessions sessions, AgentDirectory directory, CurrentAccount account, TimeProvider time)
    : AuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState Nobody = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private readonly Lock _lock = new();
    private Task<AuthenticationState> _state = Task.FromResult(Nobody);
    private ClaimsPrincipal? _signIn;
    private IDisposable? _sessionEnded;
    private ITimer? _expiry;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state;

    /// <summary>Called by the framework with the sign-in of the request or circuit connection.</summary>
    public void SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        ArgumentNullException.ThrowIfNull(authenticationStateTask);
        _state = authenticationStateTask;
        if (authenticationStateTask.IsCompletedSuccessfully
            && authenticationStateTask.Result.User is var user
            && CurrentAccount.IsAgentSignIn(user)
            && CurrentAccount.SessionId(user) is { } session)
        {
            Watch(user, session);
        }

        NotifyAuthenticationStateChanged(_state);
    }

    private void Watch(ClaimsPrincipal signIn, string session)
    {
        lock (_lock)
        {
            Unwatch();
            _signIn = signIn;
            directory.Changed += Refresh;
            var ended = sessions.OnEnded(session, Refresh);
            if (_signIn is null)
            {
                // It ended meanwhile, and Refresh has already made this circuit signed out.
                ended.Dispose();
                return;
            }

            _sessionEnded = ended;
            if (sessions.ExpiresAt(session) is { } expiresAt)
            {
                var due = expiresAt - time.GetUtcNow();
                _expiry = time.CreateTimer(_ => Refresh(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Refresh()
    {
        Task<AuthenticationState> state;
        lock (_lock)
        {
            if (_signIn is null)
            {
                return;
            }

            var current = account.Refresh(_signIn);
            if (current is null)
            {
                // Ended for good: nothing more to watch.
                Unwatch();
                state = Task.FromResult(Nobody);
            }
            else
            {
                state = Task.FromResult(new AuthenticationState(current));
            }

            _state = state;
        }

        NotifyAuthenticationStateChanged(state);
    }

    private void Unwatch()
    {
        directory.Changed -= Refresh;
        _sessionEnded?.Dispose();
        _sessionEnded = null;
        _expiry?.Dispose();
        _expiry = null;
        _signIn = null;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Unwatch();
        }
    }
}
