namespace Parley.Routing;

/// <summary>An agent's membership of a queue. Priority 1 is primary; higher numbers are backups, used when no primary agent can take the chat.</summary>
public sealed record QueueMembership(string Queue, int Priority = 1);
