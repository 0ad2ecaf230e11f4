using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Parley.Server.Agents;

namespace Parley.Server.Hosting;

/// <summary>Checks what data annotations cannot: nested lists, references between queues and agents.</summary>
internal sealed class ParleyOptionsValidator : IValidateOptions<ParleyOptions>
{
    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        var failures = new List<string>();
        if (!string.Equals(options.Database.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Parley:Database:Provider '{options.Database.Provider}' is not supported; use 'Sqlite'.");
        }

        Check(options.Routing, "Parley:Routing", failures);
        foreach (var (queue, i) in options.Queues.Select((q, i) => (q, i)))
        {
            Check(queue, $"Parley:Queues:{i}", failures);
            foreach (var (question, j) in queue.Questions.Select((q, j) => (q, j)))
            {
                Check(question, $"Parley:Queues:{i}:Questions:{j}", failures);
                if (question.Type == "choice" && question.Options.Count == 0)
                {
                    failures.Add($"Parley:Queues:{i}:Questions:{j}: a choice question needs options.");
                }
            }
        }

        foreach (var (agent, i) in options.Agents.Select((a, i) => (a, i)))
        {
            Check(agent, $"Parley:Agents:{i}", failures);
            foreach (var role in agent.Roles.Where(r => !AgentRoles.All.Contains(r)))
            {
                failures.Add($"Parley:Agents:{i}: unknown role '{role}' (use {string.Join(", ", AgentRoles.All)}).");
            }
        }

        if (options.InstallationKey is { } key && !IsKey(key))
        {
            failures.Add("Parley:InstallationKey must be base64 of at least 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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
