using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class OverflowAndRelaxationTests
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    private static AgentProfile Member(string id, string queue, params (string Skill, int Level)[] skills) => new(id)
    {
        Queues = [new(queue)],
        Skills = skills.ToDictionary(s => s.Skill, s => s.Level, StringComparer.Ordinal),
    };

    [Fact]
    public void Chat_overflows_to_the_target_queue_after_the_set_time_and_keeps_its_entry_time()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Overflow = new OverflowRule(OneMinute, "general") })
            .Queue("general")
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        Assert.Equal(At(60), engine.NextDeadline());

        engine.Tick(At(59)).None<ConversationRequeued>();
        var outcome = engine.Tick(At(60));

        Assert.Equal(new ConversationRequeued(Chat(1), "support", "general", RequeueReason.Overflow, null), outcome.Single<ConversationRequeued>());
        var chat = engine.Conversation(1, At(60));
        Assert.Equal(("general", At(0), At(60)), (chat.Queue, chat.EnteredAt, chat.QueueEnteredAt));
        Assert.Empty(engine.GetStandings("support", At(60)));
        Assert.Equal(1, engine.GetStanding(Chat(1), At(60))!.Position);
    }

    [Fact]
    public void Overflowed_chat_is_routed_by_the_target_queue_s_agents_and_requirements()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("billing") { RequiredSkills = [new("billing", 8)], Overflow = new OverflowRule(OneMinute, "general") })
            .Queue(new QueueSettings("general") { RequiredSkills = [new("english", 1)] })
            .Agent(Member("ann", "billing", ("billing", 3)))
            .Agent(Member("bob", "general", ("english", 5)))
            .Build();
        engine.Enter(Request(1, "billing", 0), At(0)).None<OfferCreated>();

        var outcome = engine.Tick(At(60));

        Assert.Equal(("bob", "general"), (outcome.Single<OfferCreated>().Username, outcome.Single<OfferCreated>().Queue));
        Assert.Equal([new SkillRequirement("english", 1)], engine.Conversation(1, At(60)).Requirements);
    }

    [Fact]
    public void Overflow_counts_from_entering_the_current_queue()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("tier1") { Overflow = new OverflowRule(OneMinute, "tier2") })
            .Queue(new QueueSettings("tier2") { Overflow = new OverflowRule(TimeSpan.FromMinutes(2), "tier3") })
            .Queue("tier3")
            .Build();
        engine.Enter(Request(1, "tier1", 0), At(0));

        engine.Tick(At(60));
        engine.Tick(At(179)).None<ConversationRequeued>();
        var outcome = engine.Tick(At(180));

        Assert.Equal(("tier2", "tier3"), (outcome.Single<ConversationRequeued>().FromQueue, outcome.Single<ConversationRequeued>().Queue));
        Assert.Equal(At(0), engine.Conversation(1, At(180)).EnteredAt);
    }

    [Fact]
    public void Chat_being_offered_keeps_its_queue_until_the_offer_ends()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Overflow = new OverflowRule(OneMinute, "general") })
            .Queue("general")
            .Agent(Member("ann", "support"), available: false)
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.SetPresence("ann", AgentPresence.Available, null, At(50));

        // The overflow time passes while Ann holds the offer: nothing moves.
        engine.Tick(At(70)).None<ConversationRequeued>();
        Assert.Equal(("support", ConversationStage.Offered), (engine.Conversation(1, At(70)).Queue, engine.Conversation(1, At(70)).Stage));

        // She declines: the offer ends and the overdue overflow happens at once.
        var outcome = engine.DeclineOffer("ann", At(75));

        Assert.Equal(("support", "general"), (outcome.Single<ConversationRequeued>().FromQueue, outcome.Single<ConversationRequeued>().Queue));
    }

    [Fact]
    public void Chat_accepted_after_its_overflow_time_stays_in_its_queue()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Overflow = new OverflowRule(OneMinute, "general") })
            .Queue("general")
            .Agent(Member("ann", "support"), available: false)
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.SetPresence("ann", AgentPresence.Available, null, At(50));

        var outcome = engine.AcceptOffer("ann", At(70));

        outcome.None<ConversationRequeued>();
        Assert.Equal("support", outcome.Single<ConversationAssigned>().Queue);
    }

    [Fact]
    public void Relaxation_lowers_a_requirement_after_the_set_time()
    {
        var queue = new QueueSettings("billing")
        {
            RequiredSkills = [new("billing", 8)],
            Relaxation = [new RelaxationStep(TimeSpan.FromSeconds(30), "billing", 5)],
        };
        var engine = new EngineBuilder().Queue(queue).Agent(Member("ann", "billing", ("billing", 6))).Build();
        engine.Enter(Request(1, "billing", 0), At(0)).None<OfferCreated>();

        engine.Tick(At(29)).None<OfferCreated>();
        var outcome = engine.Tick(At(30));

        Assert.Equal("ann", outcome.Single<OfferCreated>().Username);
        Assert.Equal([new SkillRequirement("billing", 5)], engine.Conversation(1, At(30)).Requirements);
    }

    [Fact]
    public void Relaxation_drops_a_requirement_and_steps_apply_in_time_order()
    {
        var queue = new QueueSettings("billing")
        {
            RequiredSkills = [new("billing", 8), new("spanish", 6)],
            Relaxation = [new RelaxationStep(TimeSpan.FromSeconds(90), "spanish", null), new RelaxationStep(TimeSpan.FromSeconds(30), "billing", 5)],
        };
        var engine = new EngineBuilder().Queue(queue).Build();
        engine.Enter(Request(1, "billing", 0), At(0));

        engine.Tick(At(30));
        Assert.Equal([new SkillRequirement("billing", 5), new SkillRequirement("spanish", 6)], engine.Conversation(1, At(30)).Requirements);
        engine.Tick(At(90));
        Assert.Equal([new SkillRequirement("billing", 5)], engine.Conversation(1, At(90)).Requirements);
    }

    [Fact]
    public void Relaxation_never_raises_a_requirement()
    {
        var queue = new QueueSettings("billing")
        {
            RequiredSkills = [new("billing", 4)],
            Relaxation = [new RelaxationStep(TimeSpan.FromSeconds(30), "billing", 7)],
        };
        var engine = new EngineBuilder().Queue(queue).Build();
        engine.Enter(Request(1, "billing", 0), At(0));

        engine.Tick(At(30));

        Assert.Equal([new SkillRequirement("billing", 4)], engine.Conversation(1, At(30)).Requirements);
    }

    [Fact]
    public void Relaxation_starts_again_in_a_queue_the_chat_overflowed_to()
    {
        var relax = new RelaxationStep(TimeSpan.FromSeconds(30), "billing", null);
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("billing") { RequiredSkills = [new("billing", 8)], Relaxation = [relax], Overflow = new OverflowRule(OneMinute, "backoffice") })
            .Queue(new QueueSettings("backoffice") { RequiredSkills = [new("billing", 9)], Relaxation = [relax] })
            .Build();
        engine.Enter(Request(1, "billing", 0), At(0));

        engine.Tick(At(60));
        Assert.Equal([new SkillRequirement("billing", 9)], engine.Conversation(1, At(60)).Requirements);
        engine.Tick(At(90));
        Assert.Empty(engine.Conversation(1, At(90)).Requirements);
    }

    [Fact]
    public void Chat_that_waits_the_maximum_wait_leaves_routing()
    {
        var engine = new EngineBuilder().Queue(new QueueSettings("support") { MaxWait = TimeSpan.FromMinutes(2) }).Build();
        engine.Enter(Request(1, "support", 0), At(0));

        engine.Tick(At(119)).None<ConversationWaitExceeded>();
        var outcome = engine.Tick(At(120));

        Assert.Equal(new ConversationWaitExceeded(Chat(1), "support", TimeSpan.FromMinutes(2)), outcome.Single<ConversationWaitExceeded>());
        Assert.Null(engine.GetConversation(Chat(1), At(120)));
        Assert.Empty(engine.GetStandings("support", At(120)));
    }

    [Fact]
    public void Maximum_wait_counts_from_entering_the_current_queue()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Overflow = new OverflowRule(OneMinute, "general") })
            .Queue(new QueueSettings("general") { MaxWait = TimeSpan.FromMinutes(2) })
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Tick(At(60)); // overflows to general

        engine.Tick(At(179)).None<ConversationWaitExceeded>();
        var outcome = engine.Tick(At(180));

        Assert.Equal(new ConversationWaitExceeded(Chat(1), "general", TimeSpan.FromMinutes(2)), outcome.Single<ConversationWaitExceeded>());
    }

    [Fact]
    public void Overflow_due_before_the_maximum_wait_wins()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Overflow = new OverflowRule(OneMinute, "general"), MaxWait = TimeSpan.FromMinutes(2) })
            .Queue("general")
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));

        // Even a late tick past both deadlines overflows the chat rather than dropping it.
        var outcome = engine.Tick(At(500));

        outcome.None<ConversationWaitExceeded>();
        Assert.Equal("general", outcome.Single<ConversationRequeued>().Queue);
    }

    [Fact]
    public void Maximum_wait_wins_when_it_is_due_with_or_before_the_overflow()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Overflow = new OverflowRule(OneMinute, "general"), MaxWait = OneMinute })
            .Queue("general")
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.Tick(At(60));

        outcome.None<ConversationRequeued>();
        Assert.Equal("support", outcome.Single<ConversationWaitExceeded>().Queue);
    }

    [Fact]
    public void Chat_being_offered_at_its_maximum_wait_leaves_when_the_offer_ends_unaccepted()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { MaxWait = OneMinute })
            .Agent(Member("ann", "support"), available: false)
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.SetPresence("ann", AgentPresence.Available, null, At(50));

        engine.Tick(At(60)).None<ConversationWaitExceeded>();
        var outcome = engine.Tick(At(80)); // Ann misses the offer.

        Assert.Equal(TimeSpan.FromSeconds(80), outcome.Single<ConversationWaitExceeded>().Waited);
        Assert.Null(engine.GetConversation(Chat(1), At(80)));
    }

    [Fact]
    public void Full_queue_refuses_new_chats_and_offered_chats_count_as_waiting()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { MaxQueueLength = 2 })
            .Agent(Member("ann", "support") with { Capacity = 1 })
            .Build();
        engine.Enter(Request(1, "support", 0), At(0)); // offered to Ann, still in the queue
        engine.Enter(Request(2, "support", 1), At(1));

        var refused = engine.Enqueue(Request(3, "support", 2), At(2));

        Assert.Equal(RoutingError.QueueFull, refused.Error);
        Assert.Null(engine.GetConversation(Chat(3), At(2)));
    }

    [Fact]
    public void Full_queue_takes_chats_again_once_one_leaves()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { MaxQueueLength = 1 })
            .Agent(Member("ann", "support") with { Capacity = 1 })
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        Assert.Equal(RoutingError.QueueFull, engine.Enqueue(Request(2, "support", 1), At(1)).Error);

        engine.AcceptOffer("ann", At(2));

        Assert.True(engine.Enqueue(Request(2, "support", 3), At(3)).Succeeded);
    }

    [Fact]
    public void Overflow_may_exceed_the_target_queue_s_maximum_length()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Overflow = new OverflowRule(OneMinute, "general") })
            .Queue(new QueueSettings("general") { MaxQueueLength = 1 })
            .Build();
        engine.Enter(Request(1, "general", 0), At(0));
        engine.Enter(Request(2, "support", 0), At(0));

        engine.Tick(At(60));

        Assert.Equal(2, engine.GetQueue("general", At(60))!.Queued);
    }
}
