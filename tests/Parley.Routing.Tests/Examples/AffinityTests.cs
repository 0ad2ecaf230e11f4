using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class AffinityTests
{
    private static readonly QueueSettings Support = new("support") { AffinityWindow = TimeSpan.FromMinutes(2) };

    private static ConversationRequest Returning(int chat, double enteredAt, string previousAgent) =>
        Request(chat, "support", enteredAt) with { PreviousAgent = previousAgent };

    /// <summary>Ann (capacity 1) is busy with chat 1; Bob is ready and idle longer.</summary>
    private static RoutingEngine AnnIsBusy(QueueSettings? queue = null)
    {
        var engine = new EngineBuilder()
            .Queue(queue ?? Support)
            .Agent("bob", "support")
            .Agent(new AgentProfile("ann") { Capacity = 1, Queues = [new("support")] })
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.ForceAssign(Chat(1), "ann", At(0));
        return engine;
    }

    [Fact]
    public void Returning_customer_s_chat_is_offered_to_their_previous_agent_first()
    {
        var engine = new EngineBuilder().Queue(Support).Agent("bob", "support").Agent("ann", "support").Build();

        var offer = engine.Enter(Returning(2, 0, "ann"), At(0)).Single<OfferCreated>();

        Assert.Equal("ann", offer.Username); // although Bob is idle longer
    }

    [Fact]
    public void Returning_customer_waits_for_their_busy_previous_agent_within_the_affinity_window()
    {
        var engine = AnnIsBusy();

        engine.Enter(Returning(2, 10, "ann"), At(10)).None<OfferCreated>();
        var chat = engine.Conversation(2, At(10));
        Assert.Equal(("ann", ConversationStage.Queued), (chat.ReservedFor, chat.Stage));

        // Other chats still go to Bob meanwhile.
        Assert.Equal("bob", engine.Enter(Request(3, "support", 20), At(20)).Single<OfferCreated>().Username);

        var freed = engine.End(Chat(1), At(60));
        Assert.Equal(("ann", Chat(2)), (freed.Single<OfferCreated>().Username, freed.Single<OfferCreated>().ConversationId));
    }

    [Fact]
    public void Reserved_chat_is_routed_normally_when_the_affinity_window_ends()
    {
        var engine = AnnIsBusy();
        engine.Enter(Returning(2, 10, "ann"), At(10));
        Assert.Equal(At(130), engine.NextDeadline());

        engine.Tick(At(129)).None<OfferCreated>();
        var outcome = engine.Tick(At(130));

        Assert.Equal("bob", outcome.Single<OfferCreated>().Username);
        Assert.Null(engine.Conversation(2, At(130)).ReservedFor);
    }

    [Fact]
    public void Decline_by_the_previous_agent_releases_the_reservation()
    {
        var engine = new EngineBuilder().Queue(Support).Agent("bob", "support").Agent("ann", "support").Build();
        engine.Enter(Returning(1, 0, "ann"), At(0));

        var outcome = engine.DeclineOffer("ann", At(5));

        Assert.Equal("bob", outcome.Single<OfferCreated>().Username);
        Assert.Null(engine.Conversation(1, At(5)).ReservedFor);
    }

    [Theory]
    [InlineData(AgentPresence.Away)]
    [InlineData(AgentPresence.DoNotDisturb)]
    [InlineData(AgentPresence.Offline)]
    public void No_reservation_when_the_previous_agent_is_not_available(AgentPresence presence)
    {
        var engine = new EngineBuilder().Queue(Support).Agent("bob", "support").Agent("ann", "support").Build();
        engine.SetPresence("ann", presence, null, At(0));

        var outcome = engine.Enter(Returning(1, 1, "ann"), At(1));

        Assert.Equal("bob", outcome.Single<OfferCreated>().Username);
        Assert.Null(engine.Conversation(1, At(1)).ReservedFor);
    }

    [Fact]
    public void No_reservation_when_the_previous_agent_is_not_a_member_or_the_window_is_zero()
    {
        var engine = new EngineBuilder()
            .Queue(Support)
            .Queue(new QueueSettings("sales"))
            .Agent("bob", "support")
            .Agent("ann", "sales")
            .Agent("cat", "sales")
            .Build();

        // Ann is not a member of support: no reservation.
        Assert.Equal("bob", engine.Enter(Returning(1, 0, "ann"), At(0)).Single<OfferCreated>().Username);
        Assert.Null(engine.Conversation(1, At(0)).ReservedFor);

        // Sales has no affinity window: the chat goes to the longest idle member, not to Cat.
        var sales = Request(2, "sales", 0) with { PreviousAgent = "cat" };
        Assert.Equal("ann", engine.Enter(sales, At(0)).Single<OfferCreated>().Username);
        Assert.Null(engine.Conversation(2, At(0)).ReservedFor);
    }

    [Fact]
    public void No_reservation_when_the_previous_agent_lacks_a_skill_the_chat_needs()
    {
        // The returning customer now answers "nl": the chat needs lang:nl, which Ann lacks. Waiting for her would
        // only waste the window, so the chat goes to Bob at once.
        var queue = Support with { AnswerRules = [new AnswerRule("language", "nl", new SkillRequirement("lang:nl", 1))] };
        var engine = new EngineBuilder()
            .Queue(queue)
            .Agent(new AgentProfile("bob") { Queues = [new("support")], Skills = new Dictionary<string, int> { ["lang:nl"] = 4 } })
            .Agent("ann", "support")
            .Build();

        var request = Returning(1, 0, "ann") with { Answers = new Dictionary<string, string> { ["language"] = "nl" } };
        var offer = engine.Enter(request, At(0)).Single<OfferCreated>();

        Assert.Equal("bob", offer.Username);
        Assert.Null(engine.Conversation(1, At(0)).ReservedFor);
    }

    [Fact]
    public void Reservation_waits_for_a_previous_agent_in_wrap_up()
    {
        var engine = new EngineBuilder()
            .Queue(Support with { WrapUp = TimeSpan.FromSeconds(30) })
            .Agent("ann", "support")
            .Agent("bob", "support")
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.End(Chat(1), At(60)); // Ann wraps up until 1:30

        engine.Enter(Returning(2, 70, "ann"), At(70)).None<OfferCreated>();
        var outcome = engine.Tick(At(90));

        Assert.Equal("ann", outcome.Single<OfferCreated>().Username);
    }
}
