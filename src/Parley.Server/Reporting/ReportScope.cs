using Parley.Server.Accounts;
using Parley.Server.Agents;
using Parley.Server.Contracts;

namespace Parley.Server.Reporting;

/// <summary>
/// Team scoping of the reports, decided from the account as it is now: an admin reads every figure; a supervisor the
/// queues they supervise and the agents who serve one of them (and their own). A report asked without a narrowing is
/// narrowed to the team; one that names a queue or an agent outside it is refused, never silently cut.
/// </summary>
public sealed class ReportScope(SupervisorScope supervisors, AgentDirectory agents)
{
    /// <summary>The queue and conversation reports' filter, narrowed to the queues <paramref name="user"/> supervises.</summary>
    public CoreResult<ReportFilter> Queues(string user, ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (supervisors.SupervisesAll(user))
        {
            return CoreResult.Ok(filter);
        }

        var team = supervisors.SupervisedQueues(user);
        if (team.Count == 0)
        {
            return CoreResult.Fail<ReportFilter>(CoreError.Forbidden, "You supervise no queue yet: an admin sets the queues you supervise.");
        }

        if (filter.Queues?.FirstOrDefault(q => !team.Contains(q, StringComparer.Ordinal)) is { } outside)
        {
            return CoreResult.Fail<ReportFilter>(CoreError.Forbidden, $"You do not supervise the queue '{outside}': you read the reports of {string.Join(", ", team)}.");
        }

        return CoreResult.Ok(filter with { Queues = filter.Queues ?? team });
    }

    /// <summary>The agent reports' filter, narrowed to the agents of <paramref name="user"/>'s team.</summary>
    public CoreResult<ReportFilter> Agents(string user, ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (supervisors.SupervisesAll(user))
        {
            return CoreResult.Ok(filter);
        }

        var team = Team(user, supervisors.SupervisedQueues(user));
        if (filter.Agents?.FirstOrDefault(a => !team.Contains(a)) is { } stranger)
        {
            return CoreResult.Fail<ReportFilter>(CoreError.Forbidden, $"'{stranger}' serves none of the queues you supervise.");
        }

        return CoreResult.Ok(filter with { Agents = filter.Agents ?? [.. team.Order(StringComparer.Ordinal)] });
    }

    /// <summary>The agents <paramref name="user"/> may read the reports of (every agent for an admin).</summary>
    public IReadOnlyList<string> AgentsOf(string user) =>
        supervisors.SupervisesAll(user)
            ? [.. agents.All.Select(a => a.Username).Order(StringComparer.Ordinal)]
            : [.. Team(user, supervisors.SupervisedQueues(user)).Order(StringComparer.Ordinal)];

    /// <summary>The queues <paramref name="user"/> may read the reports of.</summary>
    public IReadOnlyList<string> QueuesOf(string user) => supervisors.SupervisedQueues(user);

    private HashSet<string> Team(string user, IReadOnlyList<string> queues) =>
        [user, .. agents.All.Where(a => a.Queues.Any(q => queues.Contains(q, StringComparer.Ordinal))).Select(a => a.Username)];
}
