using System.Security.Claims;

namespace Parley.Server.Agents;

public static class AgentClaims
{
    public static string Username(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.GivenName) ?? user.Username();

    public static bool IsSupervisor(this ClaimsPrincipal user) => user.IsInRole(AgentRoles.Supervisor) || user.IsInRole(AgentRoles.Admin);
}
