using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Parley.Server.Customers;

/// <summary>Authenticates a customer by their conversation token (header, or <c>access_token</c> on the hub).</summary>
internal sealed class CustomerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CustomerTokens tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Customer";
    public const string ConversationClaim = "parley:conversation";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Path.StartsWithSegments("/hubs/customer"))
        {
            // Browsers cannot set headers on WebSockets; SignalR sends the token in the query string.
            token = Request.Query["access_token"];
        }

        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (tokens.Validate(token) is not { } conversationId)
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid customer token."));
        }

        var identity = new ClaimsIdentity([new Claim(ConversationClaim, conversationId.ToString()), new Claim(ClaimTypes.NameIdentifier, "customer:" + conversationId)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
