namespace Parley.Server.Conversations;

/// <summary>
/// The moments the workflow's inactivity rules need of an open chat, read from memory (<see cref="LiveConversation.Times"/>).
/// </summary>
/// <param name="AssignedAt">When its agent joined; null while no agent has it (queued, or ended).</param>
/// <param name="HeldSince">When memory began to follow it (start, or the load after a restart): no silence is older.</param>
/// <param name="LastCustomerAt">The customer's last message since then, if any.</param>
/// <param name="LastAgentAt">The agent's last message since then, if any.</param>
/// <param name="WarnedFor">The start of the silence the customer was last warned about.</param>
public readonly record struct ChatTimes(
    DateTimeOffset? AssignedAt, DateTimeOffset HeldSince, DateTimeOffset? LastCustomerAt, DateTimeOffset? LastAgentAt, DateTimeOffset? WarnedFor = null);
