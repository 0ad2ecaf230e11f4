using Parley.Server.Conversations;
using Parley.Server.Queues;

namespace Parley.Server.Tests.Conversations;

/// <summary>The workflow's inactivity rules on an injected instant: warn, close, reset by the customer, alert, cleared by the agent.</summary>
public sealed class InactivityRulesTests
{
    private static readonly DateTimeOffset Joined = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly CustomerInactivityDefinition Customer = new() { WarnAfterSeconds = 120, CloseAfterSeconds = 300 };
    private static readonly AgentInactivityDefinition Agent = new() { AlertAfterSeconds = 60 };

    private static ChatTimes Chat(DateTimeOffset? customer = null, DateTimeOffset? agent = null, DateTimeOffset? warnedFor = null) =>
        new(Joined, Joined.AddMinutes(-1), customer, agent, warnedFor);

    private static DateTimeOffset At(int seconds) => Joined.AddSeconds(seconds);

    [Fact]
    public void A_silent_customer_is_warned_after_the_warning_time_since_the_join_and_closed_after_the_close_time()
    {
        Assert.Equal(CustomerSilenceStep.None, InactivityRules.Customer(Chat(), Customer, At(119)));
        Assert.Equal(CustomerSilenceStep.Warn, InactivityRules.Customer(Chat(), Customer, At(120)));
        Assert.Equal(CustomerSilenceStep.Close, InactivityRules.Customer(Chat(), Customer, At(300)));
    }

    [Fact]
    public void The_silence_counts_from_the_agents_last_message_and_is_warned_about_once()
    {
        var times = Chat(customer: At(10), agent: At(50));

        Assert.Equal(At(50), InactivityRules.CustomerSilentSince(times));
        Assert.Equal(CustomerSilenceStep.None, InactivityRules.Customer(times, Customer, At(169)));
        Assert.Equal(CustomerSilenceStep.Warn, InactivityRules.Customer(times, Customer, At(170)));
        Assert.Equal(CustomerSilenceStep.None, InactivityRules.Customer(times with { WarnedFor = At(50) }, Customer, At(200)));
        Assert.Equal(CustomerSilenceStep.Close, InactivityRules.Customer(times with { WarnedFor = At(50) }, Customer, At(350)));
    }

    [Fact]
    public void A_message_from_the_customer_ends_the_silence()
    {
        var times = Chat(customer: At(130), agent: At(5), warnedFor: Joined);

        Assert.Null(InactivityRules.CustomerSilentSince(times));
        Assert.Equal(CustomerSilenceStep.None, InactivityRules.Customer(times, Customer, At(1_000)));
    }

    [Fact]
    public void Nothing_counts_while_no_agent_has_the_chat_or_the_rule_is_off()
    {
        Assert.Equal(CustomerSilenceStep.None, InactivityRules.Customer(Chat() with { AssignedAt = null }, Customer, At(1_000)));
        Assert.Equal(CustomerSilenceStep.None, InactivityRules.Customer(Chat(), null, At(1_000)));
        Assert.Null(InactivityRules.ReplyOverdueSince(Chat(customer: At(1)) with { AssignedAt = null }, Agent, At(1_000)));
        Assert.Null(InactivityRules.ReplyOverdueSince(Chat(customer: At(1)), null, At(1_000)));
    }

    [Fact]
    public void After_a_restart_the_silence_counts_from_the_moment_memory_holds_the_chat_again()
    {
        var reloaded = Chat() with { HeldSince = At(1_000) };

        Assert.Equal(CustomerSilenceStep.None, InactivityRules.Customer(reloaded, Customer, At(1_119)));
        Assert.Equal(CustomerSilenceStep.Warn, InactivityRules.Customer(reloaded, Customer, At(1_120)));
    }

    [Fact]
    public void A_customers_message_unanswered_for_the_alert_time_is_overdue_until_the_agent_replies()
    {
        var waiting = Chat(customer: At(30), agent: At(10));

        Assert.Null(InactivityRules.ReplyOverdueSince(waiting, Agent, At(89)));
        Assert.Equal(At(30), InactivityRules.ReplyOverdueSince(waiting, Agent, At(90)));
        Assert.Null(InactivityRules.ReplyOverdueSince(waiting with { LastAgentAt = At(95) }, Agent, At(96)));
    }

    [Fact]
    public void A_message_written_before_the_agent_joined_waits_from_the_join()
    {
        var times = Chat(customer: Joined.AddSeconds(-40));

        Assert.Equal(Joined, InactivityRules.ReplyAwaitedSince(times));
        Assert.Null(InactivityRules.ReplyOverdueSince(times, Agent, At(59)));
        Assert.Equal(Joined, InactivityRules.ReplyOverdueSince(times, Agent, At(60)));
    }
}
