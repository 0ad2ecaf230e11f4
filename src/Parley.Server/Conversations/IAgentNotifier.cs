using Parley.Server.Contracts;

namespace Parley.Server.Conversations;

/// <summary>
/// Tells an agent what happened to their conversations. Declared here, where the log needs it, and implemented by
/// the agents' feature (hub connections and desktops), so conversations do not depend on the agent surfaces.
/// </summary>
public interface IAgentNotifier
{
    Task SendAsync(string username, AgentEvent agentEvent);
}
