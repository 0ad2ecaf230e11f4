using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class SkillTests
{
    private static AgentProfile Agent(string id, params (string Skill, int Level)[] skills) => new(id)
    {
        Queues = [new("billing")],
        Skills = skills.ToDictionary(s => s.Skill, s => s.Level, StringComparer.Ordinal),
    };

    private static QueueSettings Billing => new("billing") { RequiredSkills = [new("billing", 5)] };

    [Fact]
    public void Chat_goes_only_to_an_agent_with_the_required_skill_level()
    {
        // Ann is the longest idle, but her billing level 4 is below the queue's minimum of 5.
        var engine = new EngineBuilder().Queue(Billing).Agent(Agent("ann", ("billing", 4))).Agent(Agent("bob", ("billing", 6))).Build();

        var offer = engine.Enter(Request(1, "billing", 0), At(0)).Single<OfferCreated>();

        Assert.Equal("bob", offer.Username);
        Assert.Equal([new SkillRequirement("billing", 5)], engine.Conversation(1, At(0)).Requirements);
    }

    [Fact]
    public void Chat_waits_while_no_ready_agent_has_the_skill()
    {
        var engine = new EngineBuilder().Queue(Billing).Agent(Agent("ann", ("billing", 4))).Agent(Agent("bob")).Build();

        engine.Enter(Request(1, "billing", 0), At(0)).None<OfferCreated>();

        Assert.Equal(ConversationStage.Queued, engine.Conversation(1, At(0)).Stage);
    }

    [Fact]
    public void Every_required_skill_must_be_met()
    {
        var queue = new QueueSettings("billing") { RequiredSkills = [new("billing", 5), new("spanish", 3)] };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(Agent("ann", ("billing", 9)))
            .Agent(Agent("bob", ("spanish", 9)))
            .Agent(Agent("cat", ("billing", 5), ("spanish", 3)))
            .Build();

        Assert.Equal("cat", engine.Enter(Request(1, "billing", 0), At(0)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Pre_chat_answer_adds_a_skill_requirement()
    {
        var queue = new QueueSettings("billing")
        {
            AnswerRules = [new AnswerRule("language", "French", RequireSkill: new SkillRequirement("french", 3))],
        };
        var engine = new EngineBuilder().Queue(queue).Agent(Agent("ann", ("billing", 9))).Agent(Agent("bob", ("french", 4))).Build();

        var request = Request(1, "billing", 0) with { Answers = new Dictionary<string, string> { ["language"] = "French" } };
        var offer = engine.Enter(request, At(0)).Single<OfferCreated>();

        Assert.Equal("bob", offer.Username);
        Assert.Equal([new SkillRequirement("french", 3)], engine.Conversation(1, At(0)).Requirements);
    }

    [Fact]
    public void Answers_match_ignoring_case_and_surrounding_spaces()
    {
        var queue = new QueueSettings("billing")
        {
            AnswerRules = [new AnswerRule("language", "French", RequireSkill: new SkillRequirement("french", 3))],
        };
        var engine = new EngineBuilder().Queue(queue).Build();

        engine.Enter(Request(1, "billing", 0) with { Answers = new Dictionary<string, string> { ["language"] = "  fRENCH " } }, At(0));
        engine.Enter(Request(2, "billing", 0) with { Answers = new Dictionary<string, string> { ["language"] = "English" } }, At(0));

        Assert.Equal([new SkillRequirement("french", 3)], engine.Conversation(1, At(0)).Requirements);
        Assert.Empty(engine.Conversation(2, At(0)).Requirements);
    }

    [Fact]
    public void Strictest_requirement_wins_when_the_queue_and_an_answer_name_the_same_skill()
    {
        var queue = new QueueSettings("billing")
        {
            RequiredSkills = [new("billing", 3)],
            AnswerRules = [new AnswerRule("topic", "refund", RequireSkill: new SkillRequirement("billing", 7))],
        };
        var engine = new EngineBuilder().Queue(queue).Agent(Agent("ann", ("billing", 5))).Agent(Agent("bob", ("billing", 7))).Build();

        var offer = engine.Enter(Request(1, "billing", 0) with { Answers = new Dictionary<string, string> { ["topic"] = "refund" } }, At(0)).Single<OfferCreated>();

        Assert.Equal("bob", offer.Username);
        Assert.Equal([new SkillRequirement("billing", 7)], engine.Conversation(1, At(0)).Requirements);
    }

    [Fact]
    public void Giving_an_agent_the_skill_routes_the_waiting_chat_to_them()
    {
        var engine = new EngineBuilder().Queue(Billing).Agent(Agent("ann", ("billing", 4))).Build();
        engine.Enter(Request(1, "billing", 0), At(0));

        var outcome = engine.DefineAgent(Agent("ann", ("billing", 5)), At(60));

        Assert.Equal(("ann", Chat(1)), (outcome.Single<OfferCreated>().Username, outcome.Single<OfferCreated>().ConversationId));
    }

    [Fact]
    public void Lowering_the_queue_requirement_reroutes_waiting_chats_at_once()
    {
        var engine = new EngineBuilder().Queue(Billing).Agent(Agent("ann", ("billing", 4))).Build();
        engine.Enter(Request(1, "billing", 0), At(0));

        var outcome = engine.DefineQueue(new QueueSettings("billing") { RequiredSkills = [new("billing", 4)] }, At(60));

        Assert.Equal("ann", outcome.Single<OfferCreated>().Username);
        Assert.Equal([new SkillRequirement("billing", 4)], engine.Conversation(1, At(60)).Requirements);
    }

    [Fact]
    public void Skill_levels_outside_one_to_ten_are_refused()
    {
        var engine = new EngineBuilder().Build();

        Assert.Equal(RoutingError.InvalidSettings, engine.DefineAgent(Agent("ann", ("billing", 11)), At(0)).Error);
        Assert.Equal(RoutingError.InvalidSettings, engine.DefineAgent(Agent("ann", ("billing", 0)), At(0)).Error);
        Assert.Equal(RoutingError.InvalidSettings, engine.DefineQueue(new QueueSettings("billing") { RequiredSkills = [new("billing", 0)] }, At(0)).Error);
        Assert.Equal(RoutingError.InvalidSettings, engine.DefineAgent(new AgentProfile("ann") { Capacity = 0 }, At(0)).Error);
    }
}
