using System.Security.Claims;

namespace Parley.Server.Customers;

internal static class CustomerClaims
{
    public static Guid ConversationId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(CustomerAuthenticationHandler.ConversationClaim)!);

    /// <summary>The conversation a validated customer token opens; null for anyone else.</summary>
    public static Guid? TryGetConversationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(CustomerAuthenticationHandler.ConversationClaim), out var id) ? id : null;
}
