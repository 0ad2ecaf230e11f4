using Parley.Server.Queues;

namespace Parley.Server.Conversations;

/// <summary>What the customer-inactivity rule asks for now.</summary>
public enum CustomerSilenceStep
{
    None,
    Warn,
    Close,
}

/// <summary>
/// The workflow's inactivity rules (docs/workflows.md, "Conversation workflow"), pure: every answer takes the chat's
/// times and the instant. Only a chat with an agent counts: a queued chat waits for routing, not for anyone's reply.
/// </summary>
public static class InactivityRules
{
    /// <summary>
    /// When the customer's silence began: the agent's last message or the join, whichever is later, if the customer has
    /// not written since; null when the customer wrote last (or no agent has the chat).
    /// </summary>
    public static DateTimeOffset? CustomerSilentSince(ChatTimes t)
    {
        if (t.AssignedAt is not { } assigned)
        {
            return null;
        }

        var since = Latest(Latest(assigned, t.HeldSince), t.LastAgentAt);
        return t.LastCustomerAt is { } customer && customer >= since ? null : since;
    }

    /// <summary>Warn once per silence after <c>warnAfterSeconds</c>, close after <c>closeAfterSeconds</c> (both counted from the silence's start).</summary>
    public static CustomerSilenceStep Customer(ChatTimes t, CustomerInactivityDefinition? rule, DateTimeOffset now)
    {
        if (rule is null || CustomerSilentSince(t) is not { } since)
        {
            return CustomerSilenceStep.None;
        }

        var silent = now - since;
        if (silent >= TimeSpan.FromSeconds(rule.CloseAfterSeconds))
        {
            return CustomerSilenceStep.Close;
        }

        return silent >= TimeSpan.FromSeconds(rule.WarnAfterSeconds) && t.WarnedFor != since ? CustomerSilenceStep.Warn : CustomerSilenceStep.None;
    }

    /// <summary>
    /// Since when the customer waits for the agent's reply: their last message (or the join, if they wrote before it),
    /// while the agent has not written after it; null when nobody waits.
    /// </summary>
    public static DateTimeOffset? ReplyAwaitedSince(ChatTimes t)
    {
        if (t.AssignedAt is not { } assigned || t.LastCustomerAt is not { } customer)
        {
            return null;
        }

        if (t.LastAgentAt is { } agent && agent >= customer)
        {
            return null;
        }

        return Latest(customer, assigned);
    }

    /// <summary>Since when an overdue reply has been awaited (<c>alertAfterSeconds</c> or longer); null: none is overdue.</summary>
    public static DateTimeOffset? ReplyOverdueSince(ChatTimes t, AgentInactivityDefinition? rule, DateTimeOffset now) =>
        rule is not null && ReplyAwaitedSince(t) is { } since && now - since >= TimeSpan.FromSeconds(rule.AlertAfterSeconds) ? since : null;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;
}
