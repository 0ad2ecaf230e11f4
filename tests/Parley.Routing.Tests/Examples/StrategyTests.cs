using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class StrategyTests
{
    private static AgentProfile Member(string id, string queue = "support", int priority = 1, params (string Skill, int Level)[] skills) => new(id)
    {
        Queues = [new(queue, priority)],
        Skills = skills.ToDictionary(s => s.Skill, s => s.Level, StringComparer.Ordinal),
    };

    [Fact]
    public void Longest_idle_gives_the_chat_to_the_agent_idle_the_longest()
    {
        // Bob became available first, so he has been idle longest although Ann comes first by name.
        var engine = new EngineBuilder().Queue("support").Agent("bob", "support").Agent("ann", "support").Build();

        Assert.Equal("bob", engine.Enter(Request(1, "support", 0), At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Longest_idle_counts_from_the_agent_s_last_assignment()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        Assert.Equal(At(0), engine.Agent("ann").IdleSince);

        // Ann has free capacity, but Bob has been idle since before her assignment.
        Assert.Equal("bob", engine.Enter(Request(2, "support", 1), At(1)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Longest_idle_ties_go_to_the_agent_id_in_ordinal_order()
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Agent(Member("bob"), available: false)
            .Agent(Member("ann"), available: false)
            .Build();
        engine.SetPresence("bob", AgentPresence.Available, null, At(0));
        engine.SetPresence("ann", AgentPresence.Available, null, At(0));

        Assert.Equal("ann", engine.Enter(Request(1, "support", 1), At(1)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Least_occupied_ties_go_to_the_longest_idle()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Strategy = RoutingStrategy.LeastOccupied })
            .Agent("ann", "support")
            .Agent("bob", "support")
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0)); // Ann: 1 chat, idle since 0.
        engine.GiveChat(Request(2, "support", 1), "bob", At(1)); // Bob: 1 chat, idle since 1.

        // Equal load: Ann got her last chat earlier, so she has been idle longer.
        Assert.Equal("ann", engine.Enter(Request(3, "support", 2), At(2)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Least_occupied_prefers_a_lower_load_over_a_longer_idle_time()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Strategy = RoutingStrategy.LeastOccupied })
            .Agent("ann", "support")
            .Agent(Member("bob"), available: false)
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0)); // Ann: 1 chat, idle since 0.
        engine.SetPresence("bob", AgentPresence.Available, null, At(10)); // Bob: no chat, idle since 10.

        // Longest idle would pick Ann; least occupied picks Bob.
        Assert.Equal("bob", engine.Enter(Request(2, "support", 20), At(20)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Longest_idle_ignores_load()
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Agent("ann", "support")
            .Agent(Member("bob"), available: false)
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.SetPresence("bob", AgentPresence.Available, null, At(10));

        Assert.Equal("ann", engine.Enter(Request(2, "support", 20), At(20)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Best_skill_match_gives_the_chat_to_the_highest_total_proficiency_on_the_required_skills()
    {
        var queue = new QueueSettings("support") { Strategy = RoutingStrategy.BestSkillMatch, RequiredSkills = [new("billing", 3), new("english", 3)] };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(Member("ann", skills: [("billing", 5), ("english", 5), ("french", 10)])) // 10 on the required skills
            .Agent(Member("bob", skills: [("billing", 9), ("english", 4)]))                 // 13
            .Agent(Member("cat", skills: [("billing", 2), ("english", 10)]))                // below billing 3
            .Build();

        Assert.Equal("bob", engine.Enter(Request(1, "support", 0), At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Best_skill_match_counts_skills_an_answer_requires()
    {
        var queue = new QueueSettings("support")
        {
            Strategy = RoutingStrategy.BestSkillMatch,
            AnswerRules = [new AnswerRule("language", "French", RequireSkill: new SkillRequirement("french", 1))],
        };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(Member("ann", skills: [("french", 3)]))
            .Agent(Member("bob", skills: [("french", 8)]))
            .Build();

        var request = Request(1, "support", 0) with { Answers = new Dictionary<string, string> { ["language"] = "french" } };

        Assert.Equal("bob", engine.Enter(request, At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Best_skill_match_ties_go_to_the_longest_idle()
    {
        var queue = new QueueSettings("support") { Strategy = RoutingStrategy.BestSkillMatch, RequiredSkills = [new("billing", 3)] };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(Member("cat", skills: [("billing", 4)]))
            .Agent(Member("bob", skills: [("billing", 7)]))
            .Agent(Member("ann", skills: [("billing", 7)]))
            .Build();

        // Bob and Ann both score 7; Bob became available before Ann.
        Assert.Equal("bob", engine.Enter(Request(1, "support", 0), At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Primary_members_get_a_chat_before_backup_members()
    {
        // Ann is a backup of support and the longest idle; Bob is primary.
        var engine = new EngineBuilder().Queue("support").Agent(Member("ann", priority: 2)).Agent(Member("bob")).Build();

        Assert.Equal("bob", engine.Enter(Request(1, "support", 0), At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Backup_member_gets_the_chat_when_no_primary_member_can_take_it()
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Agent(Member("ann", priority: 2))
            .Agent(Member("bob") with { Capacity = 1 })
            .Build();
        engine.GiveChat(Request(1, "support", 0), "bob", At(0));

        Assert.Equal("ann", engine.Enter(Request(2, "support", 1), At(1)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Backup_member_gets_the_chat_when_no_primary_member_has_the_skill()
    {
        var queue = new QueueSettings("support") { RequiredSkills = [new("billing", 5)] };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(Member("ann", priority: 1, skills: [("billing", 2)]))
            .Agent(Member("bob", priority: 3, skills: [("billing", 6)]))
            .Build();

        Assert.Equal("bob", engine.Enter(Request(1, "support", 0), At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Best_skill_match_prefers_a_primary_member_over_a_better_skilled_backup()
    {
        var queue = new QueueSettings("support") { Strategy = RoutingStrategy.BestSkillMatch, RequiredSkills = [new("billing", 3)] };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(Member("ann", priority: 2, skills: [("billing", 10)]))
            .Agent(Member("bob", priority: 1, skills: [("billing", 3)]))
            .Build();

        Assert.Equal("bob", engine.Enter(Request(1, "support", 0), At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Freed_agent_takes_a_chat_from_a_primary_queue_before_a_backup_queue()
    {
        var ann = new AgentProfile("ann") { Capacity = 1, Queues = [new("support", 2), new("sales", 1)] };
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { Priority = 9 })
            .Queue("sales")
            .Agent(ann)
            .Build();
        engine.GiveChat(Request(1, "sales", 0), "ann", At(0));
        // Support's chat waits longer and has a higher priority, but support is only Ann's backup queue.
        engine.Enter(Request(2, "support", 10), At(10));
        engine.Enter(Request(3, "sales", 20), At(20));

        var outcome = engine.End(Chat(1), At(30));

        Assert.Equal(Chat(3), outcome.Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Freed_agent_takes_a_backup_queue_chat_when_the_primary_queues_are_empty()
    {
        var ann = new AgentProfile("ann") { Capacity = 1, Queues = [new("support", 2), new("sales", 1)] };
        var engine = new EngineBuilder().Queue("support").Queue("sales").Agent(ann).Build();
        engine.GiveChat(Request(1, "sales", 0), "ann", At(0));
        engine.Enter(Request(2, "support", 10), At(10));

        Assert.Equal(Chat(2), engine.End(Chat(1), At(30)).Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Changing_the_strategy_takes_effect_for_the_next_chat()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent(Member("bob"), available: false).Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.SetPresence("bob", AgentPresence.Available, null, At(10));

        engine.DefineQueue(new QueueSettings("support") { Strategy = RoutingStrategy.LeastOccupied }, At(15));

        Assert.Equal("bob", engine.Enter(Request(2, "support", 20), At(20)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Agents_freed_at_the_same_moment_still_go_by_membership_priority()
    {
        // Ann (backup) and Bob (primary) finish wrap-up in the same tick while a chat waits: Bob gets it.
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { WrapUp = TimeSpan.FromSeconds(60) })
            .Agent(Member("ann", priority: 2) with { Capacity = 1 })
            .Agent(Member("bob") with { Capacity = 1 })
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 0), At(0));
        engine.AcceptOffer("ann", At(1));
        engine.AcceptOffer("bob", At(1));
        engine.End(Chat(1), At(100));
        engine.End(Chat(2), At(100));
        engine.Enter(Request(3, "support", 110), At(110));

        var outcome = engine.Tick(At(160));

        Assert.Equal("bob", outcome.Single<OfferCreated>().Username);
    }

    [Fact]
    public void Agents_freed_at_the_same_moment_still_go_by_best_skill_match()
    {
        var queue = new QueueSettings("support") { Strategy = RoutingStrategy.BestSkillMatch, RequiredSkills = [new("billing", 1)], WrapUp = TimeSpan.FromSeconds(60) };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(Member("ann", skills: [("billing", 2)]) with { Capacity = 1 })
            .Agent(Member("bob", skills: [("billing", 9)]) with { Capacity = 1 })
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 0), At(0));
        engine.AcceptOffer("ann", At(1));
        engine.AcceptOffer("bob", At(1));
        engine.End(Chat(1), At(100));
        engine.End(Chat(2), At(100));
        engine.Enter(Request(3, "support", 110), At(110));

        var outcome = engine.Tick(At(160));

        Assert.Equal("bob", outcome.Single<OfferCreated>().Username);
    }
}
