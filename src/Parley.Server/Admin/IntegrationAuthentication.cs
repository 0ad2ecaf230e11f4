using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Parley.Server.Admin;

/// <summary>
/// The <c>Integration</c> scheme: other systems (a phone platform, a CRM) authenticate with an API key from
/// configuration (<c>Parley:Integrations:ApiKeys</c>) in the <c>X-Parley-Api-Key</c> header.
/// </summary>
public static class IntegrationAuthentication
{
    public const string Scheme = "Integration";
    public const string HeaderName = "X-Parley-Api-Key";

    /// <summary>The role an integration's principal has; not an agent role.</summary>
    public const string Role = "integration";
}

/// <summary>The configured keys, kept as SHA-256 digests and compared in fixed time.</summary>
internal sealed class IntegrationKeys(IOptions<IntegrationOptions> options)
{
    private readonly (string Name, byte[] Digest)[] _keys =
        [.. options.Value.ApiKeys.Select(k => (k.Name, SHA256.HashData(Encoding.UTF8.GetBytes(k.Key))))];

    /// <summary>The name of the integration whose key this is, or null.</summary>
    public string? Match(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        // Every key is compared, in fixed time, so timing tells nothing about which key came close.
        foreach (var (name, key) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key))
            {
                match ??= name;
            }
        }

        return match;
    }
}

internal sealed class IntegrationAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IntegrationKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(IntegrationAuthentication.HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || keys.Match(values.ToString()) is not { } name)
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, $"integration:{name}"),
                new Claim(ClaimTypes.Name, name),
                new Claim(ClaimTypes.Role, IntegrationAuthentication.Role),
            ],
            IntegrationAuthentication.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"{IntegrationAuthentication.Scheme} header=\"{IntegrationAuthentication.HeaderName}\"");
        return Task.CompletedTask;
    }
}
