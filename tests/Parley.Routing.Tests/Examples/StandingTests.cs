using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class StandingTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>Within a second: the chats in progress have run a few seconds of their handle time.</summary>
    private static void AssertAbout(TimeSpan expected, TimeSpan? actual) =>
        Assert.InRange(actual!.Value.TotalSeconds, expected.TotalSeconds - 1, expected.TotalSeconds + 1);

    private static AgentProfile Member(string id, int capacity, params string[] queues) =>
        new(id) { Capacity = capacity, Queues = [.. queues.Select(q => new QueueMembership(q))] };

    /// <summary>Ann and Bob (capacity 1 each) serve support and hold chats 1 and 2; chats 3 and 4 wait.</summary>
    private static RoutingEngine TwoBusyAgentsTwoWaiting(QueueSettings? support = null, RoutingOptions? options = null)
    {
        var engine = new EngineBuilder()
            .WithOptions(options ?? new RoutingOptions())
            .Queue(support ?? new QueueSettings("support"))
            .Agent(Member("ann", 1, "support"))
            .Agent(Member("bob", 1, "support"))
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.GiveChat(Request(2, "support", 1), "bob", At(1));
        engine.Enter(Request(3, "support", 2), At(2));
        engine.Enter(Request(4, "support", 3), At(3));
        return engine;
    }

    [Fact]
    public void Waiting_chats_have_positions_in_queue_order()
    {
        var engine = TwoBusyAgentsTwoWaiting();
        engine.Enter(Request(5, "support", 1.5), At(4)); // entered before chat 3

        var standings = engine.GetStandings("support", At(5));

        Assert.Equal([(Chat(5), 1), (Chat(3), 2), (Chat(4), 3)], standings.Select(s => (s.ConversationId, s.Position)));
        Assert.Equal(standings[2], engine.GetStanding(Chat(4), At(5)));
        Assert.Null(engine.GetStanding(Chat(1), At(5))); // assigned: no standing
    }

    [Fact]
    public void Offered_chat_keeps_its_position_until_accepted()
    {
        var engine = new EngineBuilder().Queue("support").Agent(Member("ann", 1, "support")).Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 1), At(1));

        Assert.Equal([(Chat(1), 1), (Chat(2), 2)], engine.GetStandings("support", At(2)).Select(s => (s.ConversationId, s.Position)));
    }

    [Fact]
    public void Estimated_wait_is_position_times_handle_time_divided_by_chat_slots()
    {
        var engine = TwoBusyAgentsTwoWaiting();

        var standings = engine.GetStandings("support", At(5));

        // Two slots, default handle time 4 minutes: position 1 waits about 4 ÷ 2 = 2 minutes, position 2 about 4 (less
        // the 4–5 s the chats in progress have run: 1:57.75 and 3:55.5).
        AssertAbout(2 * Minute - TimeSpan.FromSeconds(2.25), standings[0].EstimatedWait);
        AssertAbout(4 * Minute - TimeSpan.FromSeconds(4.5), standings[1].EstimatedWait);
    }

    [Fact]
    public void Queue_snapshot_shows_waiting_chats_the_longest_wait_agents_by_status_and_the_estimate_for_a_new_chat()
    {
        var engine = TwoBusyAgentsTwoWaiting();

        var queue = engine.GetQueue("support", At(62))!;

        Assert.Equal(("support", 2, At(2), Minute), (queue.Queue, queue.Queued, queue.OldestEnteredAt, queue.LongestWait));
        Assert.Equal(2, queue.AgentsByStatus[AgentStatus.Busy]);
        // A new chat would be third: the two chats in progress have run a minute, about 3 minutes left each (2 slots
        // free in 2 ÷ (2 ÷ 2:58.5) = 2:58.5), then one more cycle of 4 ÷ 2 slots: 4:58.5 (the steady 3 × 4 ÷ 2 = 6).
        AssertAbout(TimeSpan.FromSeconds(178.5 + 120), queue.EstimatedWaitForNewChat);
    }

    [Fact]
    public void Wrap_up_time_adds_to_the_handle_time_in_the_estimate()
    {
        var engine = TwoBusyAgentsTwoWaiting(new QueueSettings("support") { WrapUp = Minute });

        AssertAbout(5 * Minute / 2 - TimeSpan.FromSeconds(2.25), engine.GetStanding(Chat(3), At(5))!.EstimatedWait);
    }

    [Fact]
    public void Estimate_uses_the_mean_handle_time_of_the_queue_s_closed_chats()
    {
        var engine = new EngineBuilder().Queue("support").Agent(Member("ann", 1, "support")).Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.Enter(Request(2, "support", 10), At(10));
        engine.End(Chat(1), At(120));      // handled for 2 minutes; chat 2 is offered to Ann
        engine.AcceptOffer("ann", At(120));
        engine.Enter(Request(3, "support", 200), At(200));
        engine.End(Chat(2), At(360));      // handled for 4 minutes; chat 3 is offered to Ann
        engine.AcceptOffer("ann", At(360));
        engine.Enter(Request(4, "support", 400), At(400));

        // Chat 3 has run 40 s: handle times of 2 and 4 minutes leave 1:20 and 3:20, mean 2:20; one slot.
        Assert.Equal(TimeSpan.FromSeconds(140), engine.GetStanding(Chat(4), At(400))!.EstimatedWait);
    }

    [Fact]
    public void Estimate_averages_only_the_most_recent_handle_times()
    {
        var engine = new EngineBuilder()
            .WithOptions(new RoutingOptions { HandleTimeSamples = 2 })
            .Queue("support")
            .Agent(Member("ann", 1, "support"))
            .Build();
        var t = 0;
        foreach (var (chat, minutes) in new[] { (1, 10), (2, 1), (3, 3) })
        {
            engine.GiveChat(Request(chat, "support", t), "ann", At(t));
            t += minutes * 60;
            engine.End(Chat(chat), At(t));
        }

        engine.GiveChat(Request(4, "support", t), "ann", At(t));
        engine.Enter(Request(5, "support", t), At(t));

        Assert.Equal(2 * Minute, engine.GetStanding(Chat(5), At(t))!.EstimatedWait); // (1 + 3) ÷ 2; the 10 is forgotten
    }

    [Fact]
    public void Default_handle_time_is_configurable()
    {
        var engine = TwoBusyAgentsTwoWaiting(options: new RoutingOptions { DefaultHandleTime = 10 * Minute });

        AssertAbout(5 * Minute - TimeSpan.FromSeconds(2.25), engine.GetStanding(Chat(3), At(5))!.EstimatedWait);
    }

    [Fact]
    public void Agent_shared_with_another_queue_that_has_waiting_chats_counts_in_part()
    {
        var engine = new EngineBuilder().Queue("support").Queue("sales").Agent(Member("ann", 2, "support", "sales")).Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.GiveChat(Request(2, "support", 1), "ann", At(1));
        engine.Enter(Request(3, "support", 2), At(2));
        AssertAbout(2 * Minute - TimeSpan.FromSeconds(0.75), engine.GetStanding(Chat(3), At(2))!.EstimatedWait); // 2 slots: 4 ÷ 2
        engine.TakeChangedQueues();

        engine.Enter(Request(4, "sales", 3), At(3));

        // Ann's 2 slots are now split between support and sales.
        AssertAbout(4 * Minute - TimeSpan.FromSeconds(2.5), engine.GetStanding(Chat(3), At(3))!.EstimatedWait);
        Assert.Equal(["sales", "support"], engine.TakeChangedQueues());
    }

    [Fact]
    public void Only_signed_in_agents_free_of_external_work_count_and_without_them_there_is_no_estimate()
    {
        var engine = TwoBusyAgentsTwoWaiting();

        engine.SetExternalState("bob", "voice", busy: true, At(10));
        Assert.Equal(4 * Minute - TimeSpan.FromSeconds(10), engine.GetStanding(Chat(3), At(10))!.EstimatedWait); // Ann's chat has run 10 s

        engine.SetPresence("ann", AgentPresence.Away, "Break", At(11));
        Assert.Null(engine.GetStanding(Chat(3), At(11))!.EstimatedWait);
        Assert.All(engine.GetStandings("support", At(11)), s => Assert.Null(s.EstimatedWait));
        Assert.Null(engine.GetQueue("support", At(11))!.EstimatedWaitForNewChat);
    }

    [Fact]
    public void Changed_queues_are_reported_once_after_chats_come_or_go_or_staffing_changes()
    {
        var engine = new EngineBuilder().Queue("sales").Queue("support").Agent(Member("ann", 1, "support")).Build();
        engine.TakeChangedQueues();

        engine.Enter(Request(1, "support", 0), At(0));
        Assert.Equal(["support"], engine.TakeChangedQueues());
        Assert.Empty(engine.TakeChangedQueues());

        engine.AcceptOffer("ann", At(1)); // chat 1 leaves the queue
        Assert.Equal(["support"], engine.TakeChangedQueues());

        engine.SetPresence("ann", AgentPresence.Away, null, At(2)); // staffing
        Assert.Equal(["support"], engine.TakeChangedQueues());

        engine.End(Chat(1), At(3)); // a handle time
        Assert.Equal(["support"], engine.TakeChangedQueues());
        Assert.Empty(engine.TakeChangedQueues());
    }

    [Fact]
    public void Queue_with_aging_and_mixed_priorities_is_reported_every_time_as_its_order_changes_with_time()
    {
        var queue = new QueueSettings("support")
        {
            PriorityAgingInterval = Minute,
            AnswerRules = [new AnswerRule("plan", "gold", Priority: 2)],
        };
        var engine = new EngineBuilder().Queue(queue).Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 100) with { Answers = new Dictionary<string, string> { ["plan"] = "gold" } }, At(100));

        // At 1:40 chat 1 has aged to 1, gold chat 2 is at 2.
        Assert.Equal([Chat(2), Chat(1)], engine.GetStandings("support", At(100)).Ids());
        Assert.Equal(["support"], engine.TakeChangedQueues());
        Assert.Equal(["support"], engine.TakeChangedQueues());

        // At 2:00 chat 1 reaches 2 as well and entered earlier: the order flipped without any command.
        Assert.Equal([Chat(1), Chat(2)], engine.GetStandings("support", At(120)).Ids());
    }
}
