using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class TransferTests
{
    private static AgentProfile Member(string id, string queue = "support", int capacity = AgentProfile.DefaultCapacity) =>
        new(id) { Capacity = capacity, Queues = [new(queue)] };

    /// <summary>Ann holds chat 1 of support; Bob (support) and Cat (billing) are available.</summary>
    private static RoutingEngine AnnHoldsChatOne(QueueSettings? billing = null)
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Queue(billing ?? new QueueSettings("billing"))
            .Agent("ann", "support")
            .Agent("bob", "support")
            .Agent("cat", "billing")
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        return engine;
    }

    [Fact]
    public void Transfer_to_an_agent_is_offered_to_them_and_the_chat_stays_with_the_sender_meanwhile()
    {
        var engine = AnnHoldsChatOne();

        var outcome = engine.TransferToAgent(Chat(1), "ann", "cat", At(60));

        Assert.Equal(new OfferCreated(OfferNumber(2), Chat(1), "cat", "support", At(60), At(90), FromUsername: "ann"), outcome.Single<OfferCreated>());
        var chat = engine.Conversation(1, At(60));
        Assert.Equal((ConversationStage.Assigned, "ann", "cat"), (chat.Stage, chat.Username, chat.OfferUsername));
        Assert.Equal(1, engine.Agent("ann").ActiveConversations);
        Assert.Equal(1, engine.Agent("cat").PendingOffers);
    }

    [Fact]
    public void Accepted_transfer_moves_the_chat_to_the_receiving_agent()
    {
        var engine = AnnHoldsChatOne();
        engine.TransferToAgent(Chat(1), "ann", "cat", At(60));

        var outcome = engine.AcceptOffer("cat", At(70));

        Assert.Equal(new ConversationAssigned(Chat(1), "cat", "support", At(70), AssignmentKind.Transfer, "ann"), outcome.Single<ConversationAssigned>());
        Assert.Equal("cat", engine.Conversation(1, At(70)).Username);
        Assert.Equal((0, 1), (engine.Agent("ann").ActiveConversations, engine.Agent("cat").ActiveConversations));
    }

    [Fact]
    public void Declined_transfer_fails_and_the_chat_stays_with_the_sender()
    {
        var engine = AnnHoldsChatOne();
        engine.TransferToAgent(Chat(1), "ann", "cat", At(60));

        var outcome = engine.DeclineOffer("cat", At(65));

        Assert.Equal(new TransferFailed(Chat(1), "ann", "cat", OfferEndReason.Declined), outcome.Single<TransferFailed>());
        Assert.Equal(("ann", ConversationStage.Assigned), (engine.Conversation(1, At(65)).Username, engine.Conversation(1, At(65)).Stage));
        outcome.None<OfferCreated>();
    }

    [Fact]
    public void Transfer_that_times_out_fails()
    {
        var engine = AnnHoldsChatOne();
        engine.TransferToAgent(Chat(1), "ann", "cat", At(60));

        var outcome = engine.Tick(At(90));

        Assert.Equal(new TransferFailed(Chat(1), "ann", "cat", OfferEndReason.TimedOut), outcome.Single<TransferFailed>());
        Assert.Equal("ann", engine.Conversation(1, At(90)).Username);
    }

    [Fact]
    public void Transfer_to_an_agent_who_cannot_take_a_chat_now_is_refused()
    {
        var engine = AnnHoldsChatOne();
        engine.SetPresence("cat", AgentPresence.Away, null, At(10));
        engine.SetExternalState("bob", "voice", busy: true, At(10));

        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.TransferToAgent(Chat(1), "ann", "cat", At(20)).Error);
        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.TransferToAgent(Chat(1), "ann", "bob", At(20)).Error);
        Assert.Equal(RoutingError.NotAllowed, engine.TransferToAgent(Chat(1), "ann", "ann", At(20)).Error);
        Assert.Empty(engine.GetAllOffers());
    }

    [Fact]
    public void Only_the_agent_holding_the_chat_can_transfer_it_and_one_transfer_at_a_time()
    {
        var engine = AnnHoldsChatOne();

        Assert.Equal(RoutingError.NotAssignedToAgent, engine.TransferToAgent(Chat(1), "bob", "cat", At(10)).Error);
        Assert.Equal(RoutingError.NotAssignedToAgent, engine.TransferToQueue(Chat(1), "bob", "billing", At(10)).Error);
        Assert.True(engine.TransferToAgent(Chat(1), "ann", "cat", At(10)).Succeeded);
        Assert.Equal(RoutingError.TransferPending, engine.TransferToAgent(Chat(1), "ann", "bob", At(11)).Error);
    }

    [Fact]
    public void Chat_transferred_to_a_queue_keeps_its_original_entry_time()
    {
        var engine = AnnHoldsChatOne();
        engine.SetPresence("cat", AgentPresence.Away, null, At(50));
        engine.Enter(Request(2, "billing", 100), At(100));

        var outcome = engine.TransferToQueue(Chat(1), "ann", "billing", At(300));

        Assert.Equal(new ConversationRequeued(Chat(1), "support", "billing", RequeueReason.Transfer, "ann"), outcome.Single<ConversationRequeued>());
        var chat = engine.Conversation(1, At(300));
        Assert.Equal((ConversationStage.Queued, At(0), At(300)), (chat.Stage, chat.EnteredAt, chat.QueueEnteredAt));
        // The customer has waited since 0: ahead of chat 2, which entered at 100.
        Assert.Equal([Chat(1), Chat(2)], engine.GetStandings("billing", At(300)).Ids());
        Assert.Equal(0, engine.Agent("ann").ActiveConversations);
    }

    [Fact]
    public void Transferring_agent_is_passed_over_for_the_requeued_chat()
    {
        var engine = AnnHoldsChatOne();
        engine.SetPresence("bob", AgentPresence.Away, null, At(10));

        // Back into support, where Ann is the only ready member: the chat waits for someone else.
        engine.TransferToQueue(Chat(1), "ann", "support", At(60)).None<OfferCreated>();
        Assert.Equal(["ann"], engine.Conversation(1, At(60)).PassedOver);
        engine.Tick(At(3600)).None<OfferCreated>();

        Assert.Equal("bob", engine.SetPresence("bob", AgentPresence.Available, null, At(3601)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Chat_transferred_to_a_queue_takes_that_queue_s_requirements()
    {
        var engine = AnnHoldsChatOne(new QueueSettings("billing") { RequiredSkills = [new("billing", 5)] });

        engine.TransferToQueue(Chat(1), "ann", "billing", At(60)).None<OfferCreated>(); // Cat has no billing skill

        Assert.Equal([new SkillRequirement("billing", 5)], engine.Conversation(1, At(60)).Requirements);
    }

    [Fact]
    public void Transfer_to_a_queue_may_exceed_its_maximum_length()
    {
        var engine = AnnHoldsChatOne(new QueueSettings("billing") { MaxQueueLength = 1 });
        engine.SetPresence("cat", AgentPresence.Away, null, At(10));
        engine.Enter(Request(2, "billing", 20), At(20));

        Assert.True(engine.TransferToQueue(Chat(1), "ann", "billing", At(60)).Succeeded);
        Assert.Equal(2, engine.GetQueue("billing", At(60))!.Queued);
    }

    [Fact]
    public void Transfer_to_a_queue_cancels_a_pending_transfer_to_an_agent()
    {
        var engine = AnnHoldsChatOne();
        engine.TransferToAgent(Chat(1), "ann", "cat", At(60));

        var outcome = engine.TransferToQueue(Chat(1), "ann", "support", At(70));

        Assert.Equal(OfferEndReason.TakenElsewhere, outcome.Single<OfferWithdrawn>().Reason);
        Assert.Equal(new TransferFailed(Chat(1), "ann", "cat", OfferEndReason.TakenElsewhere), outcome.Single<TransferFailed>());
        Assert.Equal("bob", outcome.Single<OfferCreated>().Username);
    }

    [Fact]
    public void Supervisor_can_force_assign_a_waiting_chat_regardless_of_skills()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("billing") { RequiredSkills = [new("billing", 9)] })
            .Agent(Member("ann", "support"))
            .Build();
        engine.Enter(Request(1, "billing", 0), At(0)).None<OfferCreated>();

        var outcome = engine.ForceAssign(Chat(1), "ann", At(30));

        Assert.Equal(new ConversationAssigned(Chat(1), "ann", "billing", At(30), AssignmentKind.Forced), outcome.Single<ConversationAssigned>());
        Assert.Equal(1, engine.Agent("ann").ActiveConversations);
    }

    [Fact]
    public void Force_assign_withdraws_the_chat_s_open_offer()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.ForceAssign(Chat(1), "bob", At(5));

        Assert.Equal(new OfferWithdrawn(OfferNumber(1), Chat(1), "ann", OfferEndReason.TakenElsewhere), outcome.Single<OfferWithdrawn>());
        Assert.Equal("bob", outcome.Single<ConversationAssigned>().Username);
        Assert.Empty(engine.GetAllOffers());
    }

    [Fact]
    public void Force_assign_still_respects_capacity_and_needs_a_signed_in_agent()
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Agent(Member("ann", capacity: 1))
            .Agent(Member("bob"), available: false)
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.Enter(Request(2, "support", 1), At(1));

        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.ForceAssign(Chat(2), "ann", At(2)).Error);
        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.ForceAssign(Chat(2), "bob", At(2)).Error);
        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.ForceAssign(Chat(1), "bob", At(2)).Error);
        Assert.Equal(ConversationStage.Queued, engine.Conversation(2, At(2)).Stage);
    }

    [Fact]
    public void Force_assign_to_the_agent_the_chat_is_offered_to_counts_that_offer_as_the_room()
    {
        var engine = new EngineBuilder().Queue("support").Agent(Member("ann", capacity: 1)).Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.ForceAssign(Chat(1), "ann", At(5));

        Assert.Equal(AssignmentKind.Forced, outcome.Single<ConversationAssigned>().Kind);
        Assert.Equal((1, 0), (engine.Agent("ann").ActiveConversations, engine.Agent("ann").PendingOffers));
    }

    [Fact]
    public void Member_of_a_manual_pick_queue_can_take_any_waiting_chat()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { ManualPick = true, RequiredSkills = [new("billing", 5)] })
            .Agent("ann", "support")
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));
        engine.Enter(Request(2, "support", 10), At(10));
        Assert.Equal([Chat(1), Chat(2)], engine.GetQueued("support", At(20)).Select(c => c.ConversationId));

        // Ann lacks the skill, so she gets no offers, but she may pick the second chat herself.
        var outcome = engine.Pick(Chat(2), "ann", At(20));

        Assert.Equal(new ConversationAssigned(Chat(2), "ann", "support", At(20), AssignmentKind.Picked), outcome.Single<ConversationAssigned>());
        Assert.Equal([Chat(1)], engine.GetQueued("support", At(20)).Select(c => c.ConversationId));
    }

    [Fact]
    public void Picking_a_chat_offered_to_someone_else_withdraws_that_offer()
    {
        var engine = new EngineBuilder()
            .Queue(new QueueSettings("support") { ManualPick = true })
            .Agent("ann", "support")
            .Agent("bob", "support")
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.Pick(Chat(1), "bob", At(3));

        Assert.Equal(("ann", OfferEndReason.TakenElsewhere), (outcome.Single<OfferWithdrawn>().Username, outcome.Single<OfferWithdrawn>().Reason));
        Assert.Equal("bob", outcome.Single<ConversationAssigned>().Username);
    }

    [Fact]
    public void Pick_is_refused_without_manual_pick_membership_or_room()
    {
        var engine = new EngineBuilder()
            .Queue("closed")
            .Queue(new QueueSettings("support") { ManualPick = true, RequiredSkills = [new("billing", 5)] })
            .Agent(Member("ann", "support", capacity: 1))
            .Agent(Member("bob", "closed"))
            .Agent(Member("cat", "support"), available: false)
            .Build();
        engine.Enter(Request(1, "closed", 0), At(0));
        engine.Enter(Request(2, "support", 0), At(0));
        engine.Enter(Request(3, "support", 0), At(0));
        engine.SetPresence("cat", AgentPresence.Away, null, At(1));

        Assert.Equal(RoutingError.NotAllowed, engine.Pick(Chat(1), "bob", At(2)).Error);   // queue without manual pick
        Assert.Equal(RoutingError.NotAllowed, engine.Pick(Chat(2), "bob", At(2)).Error);   // not a member of support
        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.Pick(Chat(2), "cat", At(2)).Error); // Away
        Assert.True(engine.Pick(Chat(2), "ann", At(2)).Succeeded);
        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.Pick(Chat(3), "ann", At(3)).Error); // at capacity
        Assert.Equal(RoutingError.NotQueued, engine.Pick(Chat(2), "ann", At(3)).Error);
    }
}
