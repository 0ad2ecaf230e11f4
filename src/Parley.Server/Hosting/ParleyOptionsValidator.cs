using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Parley.Server.Admin;
using Parley.Server.Transport;

namespace Parley.Server.Hosting;

/// <summary>
/// Checks what data annotations cannot: nested lists, queues and agents (with the admin API's rules), integration
/// keys. References to queues that may live in the database are checked by <c>Startup/StartupInitializer</c>.
/// </summary>
internal sealed class ParleyOptionsValidator : IValidateOptions<ParleyOptions>
{
    public const int MinApiKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        var failures = new List<string>();
        if (!DatabaseOptions.Providers.Contains(options.Database.Provider, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Parley:Database:Provider '{options.Database.Provider}' is not supported; use 'Sqlite' or 'Postgres'.");
        }

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

        Check(options.Routing, "Parley:Routing", failures);
        Check(options.Sessions, "Parley:Sessions", failures);
        Check(options.SignIn, "Parley:SignIn", failures);
        Check(options.Customers, "Parley:Customers", failures);
        foreach (var (queue, i) in options.Queues.Select((q, i) => (q, i)))
        {
            failures.AddRange(Describe($"Parley:Queues:{i}", AdminValidation.ValidateQueue(queue, queues: null)));
        }

        foreach (var (agent, i) in options.Agents.Select((a, i) => (a, i)))
        {
            failures.AddRange(Describe($"Parley:Agents:{i}", AdminValidation.ValidateAgent(agent, creating: true, queueExists: null)));
        }

        Duplicates(options.Queues.Select(q => q.Name), "Parley:Queues", "queue", failures);
        Duplicates(options.Agents.Select(a => a.Username), "Parley:Agents", "agent", failures);
        CheckApiKeys(options.Integrations.ApiKeys, failures);

        if (options.InstallationKey is { Length: > 0 } key && !IsKey(key))
        {
            failures.Add("Parley:InstallationKey must be base64 of at least 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Field errors as configuration paths: <c>Parley:Queues:0:RequiredSkills:0:MinimumLevel: Must be 1–10.</c></summary>
    public static IEnumerable<string> Describe(string prefix, IReadOnlyDictionary<string, string[]> errors) =>
        errors.SelectMany(e => e.Value.Select(message => $"{AdminValidation.ToConfigurationPath(prefix, e.Key)}: {message}"));

    private static void CheckRole(ParleyOptions options, List<string> failures)
    {
        if (!ParleyRoles.Names.Contains(options.Role, StringComparer.Ordinal))
        {
            failures.Add($"Parley:Role '{options.Role}' is not a role; use 'all', 'core' or 'edge'.");
            return;
        }

        if (!EdgeNameRule.IsValid(options.Edge.Name))
        {
            failures.Add($"Parley:Edge:Name must be {EdgeNameRule.Description}.");
        }

        if (options.Edge.ExternalUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https")))
        {
            failures.Add("Parley:Edge:ExternalUrl must be an absolute http or https URL.");
        }

        if (options.Role != ParleyRoles.All)
        {
            if (string.IsNullOrWhiteSpace(options.RabbitMq.Uri)
                || !Uri.TryCreate(options.RabbitMq.Uri, UriKind.Absolute, out var broker) || (broker.Scheme != "amqp" && broker.Scheme != "amqps"))
            {
                failures.Add($"Parley:RabbitMq:Uri is required for the role '{options.Role}': amqp://user:password@host:5672/vhost (or amqps:// for TLS).");
            }

            if (string.IsNullOrEmpty(options.InstallationKey))
            {
                failures.Add($"Parley:InstallationKey is required for the role '{options.Role}': every edge and the core must share it (base64 of at least 32 bytes).");
            }
        }

        if (options.Role == ParleyRoles.Edge && (options.Database.ConnectionString is not null || options.Database.Provider != "Sqlite"))
        {
            // The edge sits in the DMZ: it must not be able to reach conversation history.
            failures.Add("Parley:Database must not be configured for the role 'edge': an edge holds no database connection.");
        }
    }

    private static void CheckApiKeys(List<ApiKeyOptions> keys, List<string> failures)
    {
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            if (!AdminValidation.IsUsername(key.Name))
            {
                failures.Add($"Parley:Integrations:ApiKeys:{i}:Name: use 1–64 lower-case letters, digits, dots, dashes and underscores.");
            }

            // Never echo a key: error messages end up in logs.
            if (string.IsNullOrEmpty(key.Key) || key.Key.Length < MinApiKeyLength || key.Key.Any(char.IsWhiteSpace))
            {
                failures.Add($"Parley:Integrations:ApiKeys:{i}:Key must be at least {MinApiKeyLength} characters without white space (for example: openssl rand -base64 32).");
            }
        }

        Duplicates(keys.Select(k => k.Name), "Parley:Integrations:ApiKeys", "integration", failures);
        if (keys.Where(k => !string.IsNullOrEmpty(k.Key)).GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            failures.Add("Parley:Integrations:ApiKeys: two integrations have the same key; give each its own.");
        }
    }

    private static void Duplicates(IEnumerable<string> names, string path, string what, List<string> failures)
    {
        foreach (var name in names.Where(n => !string.IsNullOrEmpty(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            failures.Add($"{path}: the {what} '{name}' is defined twice.");
        }
    }

    private static bool IsKey(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var length) && length >= 32;
    }

    private static void Check(object value, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}: {r.ErrorMessage}"));
        }
    }
}
