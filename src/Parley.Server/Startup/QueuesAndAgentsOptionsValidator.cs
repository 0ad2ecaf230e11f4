using Microsoft.Extensions.Options;
using Parley.Server.Admin;
using Parley.Server.Hosting;

namespace Parley.Server.Startup;

/// <summary>
/// Each configured queue and agent with the admin API's rules, and no name defined twice. References to queues that
/// may live in the database are checked by the start-up that writes them.
/// </summary>
internal sealed class QueuesAndAgentsOptionsValidator : IValidateOptions<QueuesAndAgentsOptions>
{
    public ValidateOptionsResult Validate(string? name, QueuesAndAgentsOptions options)
    {
        var failures = new List<string>();
        foreach (var (queue, i) in options.Queues.Select((q, i) => (q, i)))
        {
            failures.AddRange(Describe($"Parley:Queues:{i}", AdminValidation.ValidateQueue(queue, queues: null)));
        }

        foreach (var (agent, i) in options.Agents.Select((a, i) => (a, i)))
        {
            failures.AddRange(Describe($"Parley:Agents:{i}", AdminValidation.ValidateAgent(agent, creating: true, queueExists: null)));
        }

        failures.AddRange(ConfiguredList.Duplicates(options.Queues.Select(q => q.Name), "Parley:Queues", "queue"));
        failures.AddRange(ConfiguredList.Duplicates(options.Agents.Select(a => a.Username), "Parley:Agents", "agent"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Field errors as configuration paths: <c>Parley:Queues:0:RequiredSkills:0:MinimumLevel: Must be 1–10.</c></summary>
    public static IEnumerable<string> Describe(string prefix, IReadOnlyDictionary<string, string[]> errors) =>
        errors.SelectMany(e => e.Value.Select(message => $"{AdminValidation.ToConfigurationPath(prefix, e.Key)}: {message}"));
}
