using Parley.Server.Accounts;
using Parley.Server.Conversations;
using Parley.Server.Queues;

namespace Parley.Server.Agents;

/// <summary>
/// Team scoping, the one rule: an admin supervises every queue; a supervisor the queues their account lists as supervised
/// (<see cref="Storage.AgentRecord.SupervisedQueues"/>, set by admins); anyone else none. Read from the account as it is
/// now on every call, so a change of roles or queues applies at the next action.
/// </summary>
public sealed class SupervisorScope(AgentDirectory directory, QueueCatalog queues) : ISupervisionRights
{
    /// <summary>The queues <paramref name="username"/> supervises now (an admin: every queue there is); empty for nobody.</summary>
    public IReadOnlyList<string> SupervisedQueues(string username)
    {
        if (directory.HasRole(username, AgentRoles.Admins))
        {
            return [.. queues.All.Select(q => q.Name)];
        }

        return directory.HasRole(username, AgentRoles.Supervisors) ? directory.Find(username)!.SupervisedQueues : [];
    }

    /// <summary>Whether <paramref name="username"/> may watch and act on chats of <paramref name="queue"/> now.</summary>
    public bool MaySupervise(string username, string queue) =>
        directory.HasRole(username, AgentRoles.Admins)
        || (directory.HasRole(username, AgentRoles.Supervisors) && directory.Find(username)!.SupervisedQueues.Contains(queue, StringComparer.Ordinal));

    /// <summary>Whether <paramref name="username"/> is an admin now (supervises every queue, even one deleted since).</summary>
    public bool SupervisesAll(string username) => directory.HasRole(username, AgentRoles.Admins);
}
