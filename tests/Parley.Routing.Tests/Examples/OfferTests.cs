using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class OfferTests
{
    [Fact]
    public void New_chat_is_offered_to_a_ready_member_of_its_queue_until_the_offer_timeout()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { OfferTimeout = TimeSpan.FromSeconds(20) })
            .Agent("ann", "support")
            .Build();

        var outcome = engine.Enter(Request(1, "support", 0), At(0));

        var offer = outcome.Single<OfferCreated>();
        Assert.Equal(new OfferCreated(OfferNumber(1), Chat(1), "ann", "support", At(0), At(20)), offer);
        var chat = engine.Conversation(1, At(0));
        Assert.Equal(ConversationStage.Offered, chat.Stage);
        Assert.Equal("ann", chat.OfferUsername);
        Assert.Equal(1, engine.Agent("ann").PendingOffers);
        Assert.Equal(At(20), engine.NextDeadline());
    }

    [Fact]
    public void Accepted_offer_assigns_the_chat_to_the_agent()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.AcceptOffer("ann", At(5));

        Assert.Equal(new ConversationAssigned(Chat(1), "ann", "support", At(5), AssignmentKind.Offer), outcome.Single<ConversationAssigned>());
        var chat = engine.Conversation(1, At(5));
        Assert.Equal(ConversationStage.Assigned, chat.Stage);
        Assert.Equal("ann", chat.Username);
        var ann = engine.Agent("ann");
        Assert.Equal(1, ann.ActiveConversations);
        Assert.Equal(0, ann.PendingOffers);
        Assert.Empty(engine.GetStandings("support", At(5)));
    }

    [Fact]
    public void Chat_waits_while_nobody_is_ready_and_is_offered_when_an_agent_becomes_available()
    {
        var engine = new EngineBuilder().Queue("support").Agent(new AgentProfile("ann") { Queues = [new("support")] }, available: false).Build();

        engine.Enter(Request(1, "support", 0), At(0)).None<OfferCreated>();
        Assert.Equal(ConversationStage.Queued, engine.Conversation(1, At(0)).Stage);

        var outcome = engine.SetPresence("ann", AgentPresence.Available, null, At(40));

        Assert.Equal(Chat(1), outcome.Single<OfferCreated>().ConversationId);
    }

    [Fact]
    public void Declined_chat_goes_to_the_next_agent()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));
        Assert.Equal("ann", engine.OfferOf("ann").Username);

        var outcome = engine.DeclineOffer("ann", At(3));

        Assert.Equal(new OfferWithdrawn(OfferNumber(1), Chat(1), "ann", OfferEndReason.Declined), outcome.Single<OfferWithdrawn>());
        var next = outcome.Single<OfferCreated>();
        Assert.Equal(("bob", Chat(1), At(3)), (next.Username, next.ConversationId, next.OfferedAt));
    }

    [Fact]
    public void Declined_chat_keeps_its_place_ahead_of_later_chats()
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Agent(new AgentProfile("ann") { Capacity = 1, Queues = [new("support")] })
            .Agent(new AgentProfile("bob") { Capacity = 1, Queues = [new("support")] }, available: false)
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 10), At(10));

        // Ann declines chat 1: she is passed over for it, so she gets chat 2 instead.
        var declined = engine.DeclineOffer("ann", At(12));
        Assert.Equal(Chat(2), declined.Single<OfferCreated>().ConversationId);

        // Chat 1 is still first in line, and the next agent gets it.
        Assert.Equal([Chat(1), Chat(2)], engine.GetStandings("support", At(12)).Ids());
        Assert.Equal(1, engine.GetStanding(Chat(1), At(12))!.Position);
        var bob = engine.SetPresence("bob", AgentPresence.Available, null, At(13));
        Assert.Equal((Chat(1), "bob"), (bob.Single<OfferCreated>().ConversationId, bob.Single<OfferCreated>().Username));
    }

    [Fact]
    public void Declining_agent_is_passed_over_for_one_offer_timeout()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        engine.DeclineOffer("ann", At(10)).None<OfferCreated>();
        Assert.Equal(["ann"], engine.Conversation(1, At(10)).PassedOver);
        Assert.Equal(At(40), engine.NextDeadline());

        engine.Tick(At(39)).None<OfferCreated>();
        var again = engine.Tick(At(40)).Single<OfferCreated>();

        Assert.Equal(("ann", Chat(1)), (again.Username, again.ConversationId));
        Assert.Empty(engine.Conversation(1, At(40)).PassedOver);
    }

    [Fact]
    public void Unanswered_offer_times_out_and_goes_to_the_next_agent()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        engine.Tick(At(29)).None<OfferWithdrawn>();
        var outcome = engine.Tick(At(30));

        Assert.Equal(new OfferWithdrawn(OfferNumber(1), Chat(1), "ann", OfferEndReason.TimedOut), outcome.Single<OfferWithdrawn>());
        Assert.Equal(("bob", At(30), At(60)), (outcome.Single<OfferCreated>().Username, outcome.Single<OfferCreated>().OfferedAt, outcome.Single<OfferCreated>().ExpiresAt));
    }

    [Fact]
    public void Offer_can_be_accepted_until_just_before_it_expires_but_not_at_its_expiry()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 0), At(0));
        var offers = engine.GetOffers("ann");

        Assert.True(engine.Accept(offers[0].OfferId, "ann", At(29.999)).Succeeded);
        var late = engine.Accept(offers[1].OfferId, "ann", At(30));

        Assert.Equal(RoutingError.UnknownOffer, late.Error);
        Assert.Equal(OfferEndReason.TimedOut, late.Single<OfferWithdrawn>().Reason);
    }

    [Fact]
    public void Only_the_agent_an_offer_was_made_to_can_accept_or_decline_it()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));
        var offer = engine.OfferOf("ann");

        Assert.Equal(RoutingError.OfferNotForThisAgent, engine.Accept(offer.OfferId, "bob", At(1)).Error);
        Assert.Equal(RoutingError.OfferNotForThisAgent, engine.Decline(offer.OfferId, "bob", At(1)).Error);
        Assert.Equal(RoutingError.UnknownOffer, engine.Accept(Guid.NewGuid(), "ann", At(1)).Error);
        Assert.Equal(ConversationStage.Offered, engine.Conversation(1, At(1)).Stage);
    }

    [Fact]
    public void Chat_is_offered_to_one_agent_at_a_time()
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Agent("ann", "support").Agent("bob", "support").Agent("cat", "support")
            .Build();

        var outcome = engine.Enter(Request(1, "support", 0), At(0));

        Assert.Equal("ann", outcome.Single<OfferCreated>().Username);
        Assert.Single(engine.GetAllOffers());
    }

    [Fact]
    public void Pending_offers_count_towards_capacity()
    {
        var engine = new EngineBuilder().Queue("support").Agent(new AgentProfile("ann") { Capacity = 2, Queues = [new("support")] }).Build();

        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 1), At(1));
        engine.Enter(Request(3, "support", 2), At(2)).None<OfferCreated>();

        var ann = engine.Agent("ann");
        Assert.Equal((0, 2, AgentStatus.Busy), (ann.ActiveConversations, ann.PendingOffers, ann.Status));
        Assert.Equal(ConversationStage.Queued, engine.Conversation(3, At(2)).Stage);
    }

    [Fact]
    public void Default_capacity_is_three_chats()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();

        for (var i = 1; i <= 4; i++)
        {
            engine.Enter(Request(i, "support", i), At(i));
        }

        Assert.Equal(AgentProfile.DefaultCapacity, engine.GetOffers("ann").Count);
        Assert.Equal(ConversationStage.Queued, engine.Conversation(4, At(4)).Stage);
    }

    [Fact]
    public void Closing_a_chat_frees_capacity_for_the_next_waiting_chat()
    {
        var engine = new EngineBuilder().Queue("support").Agent(new AgentProfile("ann") { Capacity = 1, Queues = [new("support")] }).Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.Enter(Request(2, "support", 5), At(5)).None<OfferCreated>();

        var outcome = engine.End(Chat(1), At(60));

        Assert.Equal(Chat(2), outcome.Single<OfferCreated>().ConversationId);
        Assert.Null(engine.GetConversation(Chat(1), At(60)));
    }

    [Fact]
    public void Chat_that_ends_while_offered_withdraws_the_offer()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.End(Chat(1), At(4));

        Assert.Equal(OfferEndReason.ConversationEnded, outcome.Single<OfferWithdrawn>().Reason);
        Assert.Equal(0, engine.Agent("ann").Load);
        Assert.Empty(engine.GetAllOffers());
        Assert.Null(engine.NextDeadline());
    }

    [Fact]
    public void Unknown_queue_and_a_chat_routed_twice_are_refused()
    {
        var engine = new EngineBuilder().Queue("support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        Assert.Equal(RoutingError.UnknownQueue, engine.Enqueue(Request(2, "sales", 0), At(0)).Error);
        Assert.Equal(RoutingError.ConversationAlreadyRouted, engine.Enqueue(Request(1, "support", 0), At(1)).Error);
        Assert.Equal(RoutingError.UnknownConversation, engine.End(Chat(9), At(1)).Error);
    }
}
