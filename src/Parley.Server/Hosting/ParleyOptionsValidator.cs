using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// Checks the root keys (role, installation key, proxies, origins). Each nested section has its own validator in the
/// folder that owns it; start-up reports every section's failures together.
/// </summary>
internal sealed class ParleyOptionsValidator : IValidateOptions<ParleyOptions>
{
    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        var failures = new List<string>();
        CheckRole(options, failures);
        foreach (var (proxy, i) in options.TrustedProxies.Select((p, i) => (p, i)))
        {
            if (!System.Net.IPNetwork.TryParse(proxy, out _) && !System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"Parley:TrustedProxies:{i}: '{proxy}' is neither an IP address nor a network such as 10.0.0.0/24.");
            }
        }

        foreach (var (origin, i) in options.AllowedOrigins.Select((o, i) => (o, i)))
        {
            if (!AllowedOrigins.IsOrigin(origin))
            {
                failures.Add($"Parley:AllowedOrigins:{i}: '{origin}' is not an origin such as https://desk.example.com (scheme, host and optional port, no path).");
            }
        }

        if (options.InstallationKey is { Length: > 0 } key && !IsKey(key))
        {
            failures.Add("Parley:InstallationKey must be base64 of at least 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRole(ParleyOptions options, List<string> failures)
    {
        if (!ParleyRoles.Names.Contains(options.Role, StringComparer.Ordinal))
        {
            failures.Add($"Parley:Role '{options.Role}' is not a role; use 'all', 'core' or 'edge'.");
            return;
        }

        if (options.Role != ParleyRoles.All && string.IsNullOrEmpty(options.InstallationKey))
        {
            failures.Add($"Parley:InstallationKey is required for the role '{options.Role}': every edge and the core must share it (base64 of at least 32 bytes).");
        }
    }

    private static bool IsKey(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var length) && length >= 32;
    }
}
