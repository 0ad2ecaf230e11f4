using Parley.Server.Accounts;

namespace Parley.Server.Agents;

/// <summary>
/// The queues a supervisor supervises, from the account as it is now. Until supervision keeps its own set on the
/// account, a supervisor supervises the queues they serve (as canned responses read them); anyone else, none.
/// </summary>
public sealed class SupervisorScope(AgentDirectory directory)
{
    public IReadOnlyCollection<string> SupervisedQueues(string username) =>
        directory.HasRole(username, AgentRoles.Supervisors) ? directory.Find(username)?.Queues ?? [] : [];
}
