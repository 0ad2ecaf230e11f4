using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class PriorityTests
{
    /// <summary>A support queue where answering "plan" = "gold" gives priority 5.</summary>
    private static QueueSettings Support(TimeSpan? aging = null) => new("support")
    {
        AnswerRules = [new AnswerRule("plan", "gold", Priority: 5), new AnswerRule("plan", "platinum", Priority: 8), new AnswerRule("urgent", "yes", Priority: 6)],
        PriorityAgingInterval = aging,
    };

    private static ConversationRequest Chat(int chat, double enteredAt, params (string Question, string Answer)[] answers) =>
        Request(chat, "support", enteredAt) with { Answers = answers.ToDictionary(a => a.Question, a => a.Answer, StringComparer.Ordinal) };

    private static RoutingEngine EngineWithAnAgentAway(QueueSettings queue) =>
        new EngineBuilder().Queue(queue).Agent(new AgentProfile("ann") { Capacity = 1, Queues = [new("support")] }, available: false).Build();

    [Fact]
    public void Chats_of_equal_priority_go_first_in_first_out()
    {
        var engine = EngineWithAnAgentAway(Support());
        engine.Enter(Chat(1, 0), At(0));
        engine.Enter(Chat(2, 5), At(5));
        engine.Enter(Chat(3, 9), At(9));

        Assert.Equal([EngineBuilder.Chat(1), EngineBuilder.Chat(2), EngineBuilder.Chat(3)], engine.GetStandings("support", At(10)).Ids());
        Assert.Equal(EngineBuilder.Chat(1), engine.SetPresence("ann", AgentPresence.Available, null, At(10)).Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Higher_priority_chat_goes_first()
    {
        var engine = EngineWithAnAgentAway(Support());
        engine.Enter(Chat(1, 0), At(0));
        engine.Enter(Chat(2, 30, ("plan", "gold")), At(30));

        Assert.Equal(5, engine.Conversation(2, At(30)).Priority);
        Assert.Equal(EngineBuilder.Chat(2), engine.SetPresence("ann", AgentPresence.Available, null, At(40)).Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Chat_gets_the_queue_priority_unless_an_answer_picks_another()
    {
        var queue = Support() with { Priority = 2 };
        var engine = EngineWithAnAgentAway(queue);
        engine.Enter(Chat(1, 0), At(0));
        engine.Enter(Chat(2, 0, ("plan", "gold")), At(0));

        Assert.Equal(2, engine.Conversation(1, At(0)).Priority);
        Assert.Equal(5, engine.Conversation(2, At(0)).Priority);
    }

    [Fact]
    public void When_several_answers_pick_a_priority_the_highest_wins()
    {
        var engine = EngineWithAnAgentAway(Support());

        engine.Enter(Chat(1, 0, ("plan", "gold"), ("urgent", "yes")), At(0));

        Assert.Equal(6, engine.Conversation(1, At(0)).Priority);
    }

    [Fact]
    public void Order_is_by_the_time_the_customer_entered_not_by_when_routing_heard_of_the_chat()
    {
        var engine = EngineWithAnAgentAway(Support());
        engine.Enter(Chat(1, 20), At(20));
        engine.Enter(Chat(2, 10), At(21)); // Entered at 10 (say, the host restarted), enqueued later.

        Assert.Equal([EngineBuilder.Chat(2), EngineBuilder.Chat(1)], engine.GetStandings("support", At(22)).Ids());
    }

    [Fact]
    public void Chats_that_entered_at_the_same_instant_keep_their_arrival_order()
    {
        var engine = EngineWithAnAgentAway(Support());
        engine.Enter(Chat(2, 10), At(10));
        engine.Enter(Chat(1, 10), At(10));

        Assert.Equal([EngineBuilder.Chat(2), EngineBuilder.Chat(1)], engine.GetStandings("support", At(10)).Ids());
    }

    [Fact]
    public void Agent_in_several_primary_queues_takes_the_highest_priority_chat_among_them()
    {
        var ann = new AgentProfile("ann") { Capacity = 1, Queues = [new("support"), new("vip")] };
        var engine = new EngineBuilder()
            .Queue("support")
            .Queue(new QueueSettings("vip") { Priority = 10 })
            .Agent(ann, available: false)
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "vip", 50), At(50));

        Assert.Equal(EngineBuilder.Chat(2), engine.SetPresence("ann", AgentPresence.Available, null, At(60)).Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Agent_in_several_primary_queues_takes_the_earliest_chat_when_priorities_are_equal()
    {
        var ann = new AgentProfile("ann") { Capacity = 1, Queues = [new("support"), new("sales")] };
        var engine = new EngineBuilder().Queue("support").Queue("sales").Agent(ann, available: false).Build();
        engine.Enter(Request(1, "support", 20), At(20));
        engine.Enter(Request(2, "sales", 10), At(30));

        Assert.Equal(EngineBuilder.Chat(2), engine.SetPresence("ann", AgentPresence.Available, null, At(60)).Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Priority_ages_by_one_for_every_full_aging_interval_waited()
    {
        var engine = EngineWithAnAgentAway(Support(aging: TimeSpan.FromMinutes(1)));
        engine.Enter(Chat(1, 0, ("plan", "gold")), At(0));

        Assert.Equal(5, engine.Conversation(1, At(59)).EffectivePriority);
        Assert.Equal(6, engine.Conversation(1, At(60)).EffectivePriority);
        Assert.Equal(7, engine.Conversation(1, At(179)).EffectivePriority);
        Assert.Equal(5, engine.Conversation(1, At(179)).Priority);
    }

    [Fact]
    public void Aged_chat_overtakes_a_newer_chat_of_higher_priority()
    {
        var engine = EngineWithAnAgentAway(Support(aging: TimeSpan.FromMinutes(1)));
        engine.Enter(Chat(1, 0), At(0));                        // priority 0, +1 a minute
        engine.Enter(Chat(2, 240, ("plan", "gold")), At(240));  // priority 5

        // At 4:00 chat 1 has aged to 4: the gold chat (5) is ahead.
        Assert.Equal([EngineBuilder.Chat(2), EngineBuilder.Chat(1)], engine.GetStandings("support", At(240)).Ids());

        // At 6:00 chat 1 is at 6, chat 2 at 5 + 2 = 7: still ahead. A gold chat entering now (5) is behind chat 1.
        engine.Enter(Chat(3, 360, ("plan", "gold")), At(360));
        Assert.Equal([EngineBuilder.Chat(2), EngineBuilder.Chat(1), EngineBuilder.Chat(3)], engine.GetStandings("support", At(360)).Ids());
        Assert.Equal(EngineBuilder.Chat(2), engine.SetPresence("ann", AgentPresence.Available, null, At(360)).Single<OfferCreated>().ConversationId);
        engine.AcceptOffer("ann", At(360));

        Assert.Equal(EngineBuilder.Chat(1), engine.End(EngineBuilder.Chat(2), At(361)).Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Without_aging_a_newer_chat_of_higher_priority_stays_ahead()
    {
        var engine = EngineWithAnAgentAway(Support());
        engine.Enter(Chat(1, 0), At(0));
        engine.Enter(Chat(3, 360, ("plan", "gold")), At(360));

        Assert.Equal([EngineBuilder.Chat(3), EngineBuilder.Chat(1)], engine.GetStandings("support", At(360)).Ids());
    }

    [Fact]
    public void Without_an_aging_interval_priority_does_not_change()
    {
        var engine = EngineWithAnAgentAway(Support());
        engine.Enter(Chat(1, 0), At(0));

        Assert.Equal(0, engine.Conversation(1, At(86_400)).EffectivePriority);
    }
}
