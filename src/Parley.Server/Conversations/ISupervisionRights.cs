namespace Parley.Server.Conversations;

/// <summary>
/// Whether someone may supervise a queue's chats now: declared here, where monitored messages are delivered, and
/// implemented by the agents' feature (<c>Agents/SupervisorScope</c>), so each delivery re-checks the account as it is now.
/// </summary>
public interface ISupervisionRights
{
    bool MaySupervise(string username, string queue);
}
