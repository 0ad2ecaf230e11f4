using Microsoft.Extensions.Options;

namespace Parley.Server.Transport;

/// <summary>The edge's name (it names a broker queue) and its external URL.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var failures = new List<string>();
        if (!EdgeNameRule.IsValid(options.Name))
        {
            failures.Add($"Parley:Edge:Name must be {EdgeNameRule.Description}.");
        }

        if (options.ExternalUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https")))
        {
            failures.Add("Parley:Edge:ExternalUrl must be an absolute http or https URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
