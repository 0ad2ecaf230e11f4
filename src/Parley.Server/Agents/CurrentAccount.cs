using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Parley.Server.Accounts;

namespace Parley.Server.Agents;

/// <summary>
/// An agent's rights are those of the account as it is now, not as it was at sign-in: the principal of a cookie or
/// bearer token is rebuilt from its live session and the account's current roles, or refused when the session has
/// ended or the account is gone. Runs on every authenticated request (as the claims transformation), on every agent
/// hub call and in every Blazor circuit.
/// </summary>
public sealed class CurrentAccount(AgentSessions sessions, AgentDirectory directory) : IClaimsTransformation
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    /// <summary>Whether the principal is an agent's sign-in (cookie or bearer token), as opposed to a customer's or an integration's.</summary>
    public static bool IsAgentSignIn(ClaimsPrincipal principal) =>
        principal.Identity?.AuthenticationType is CookieAuthenticationDefaults.AuthenticationScheme or AgentAuthentication.BearerScheme;

    public static string? SessionId(ClaimsPrincipal? principal) => principal?.FindFirst(AgentSessions.SessionClaim)?.Value;

    /// <summary>The principal with the account's current roles and name, or null when its session or account has ended.</summary>
    public ClaimsPrincipal? Refresh(ClaimsPrincipal principal)
    {
        var sessionId = SessionId(principal);
        var username = sessions.Find(sessionId);
        if (username is null || directory.Find(username) is not { } agent)
        {
            return null;
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, agent.Username),
            new(ClaimTypes.Name, agent.Username),
            new(ClaimTypes.GivenName, agent.DisplayName),
            new(AgentSessions.SessionClaim, sessionId!),
            .. agent.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, principal.Identity!.AuthenticationType));
    }

    /// <summary>Whether the session is live and the account has one of <paramref name="roles"/> now.</summary>
    public bool Allows(ClaimsPrincipal? principal, IReadOnlyCollection<string> roles) =>
        directory.Find(sessions.Find(SessionId(principal)) ?? "") is { } agent && agent.Roles.Any(roles.Contains);

    Task<ClaimsPrincipal> IClaimsTransformation.TransformAsync(ClaimsPrincipal principal) =>
        Task.FromResult(IsAgentSignIn(principal) ? Refresh(principal) ?? Nobody : principal);
}
