using Microsoft.AspNetCore.Authentication;

namespace Parley.Server.Agents;

/// <summary>
/// Reads bearer tokens as the framework does, then refuses one whose session has ended: the bearer handler treats
/// it as any token it cannot read, so the caller gets 401, the same as for an expired token.
/// </summary>
internal sealed class SessionBoundTokenFormat(ISecureDataFormat<AuthenticationTicket> inner, AgentSessions sessions) : ISecureDataFormat<AuthenticationTicket>
{
    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Live(inner.Unprotect(protectedText));

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) => Live(inner.Unprotect(protectedText, purpose));

    private AuthenticationTicket? Live(AuthenticationTicket? ticket) =>
        ticket is not null && sessions.Find(CurrentAccount.SessionId(ticket.Principal)) is not null ? ticket : null;
}
