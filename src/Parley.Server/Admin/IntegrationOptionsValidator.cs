using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Admin;

/// <summary>Each integration's name and key; no key shared by two integrations.</summary>
internal sealed class IntegrationOptionsValidator : IValidateOptions<IntegrationOptions>
{
    public const int MinApiKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, IntegrationOptions options)
    {
        var failures = new List<string>();
        var keys = options.ApiKeys;
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

        failures.AddRange(ConfiguredList.Duplicates(keys.Select(k => k.Name), "Parley:Integrations:ApiKeys", "integration"));
        if (keys.Where(k => !string.IsNullOrEmpty(k.Key)).GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            failures.Add("Parley:Integrations:ApiKeys: two integrations have the same key; give each its own.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
