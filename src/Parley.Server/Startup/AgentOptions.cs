using Parley.Server.Admin;

namespace Parley.Server.Startup;

/// <summary>
/// An agent in configuration (<c>Parley:Agents:0:…</c>): the same settings as the admin API's agent.
/// <see cref="AgentInput.Password"/> is required here; take it from a secret store or environment variable, never a committed file.
/// </summary>
public sealed class AgentOptions : AgentInput;
