using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

/// <summary>Chats that go back to their queue without their agent: the agent went Offline, or a supervisor moved them.</summary>
public class ReturnToQueueTests
{
    /// <summary>Ann holds chat 1 of support (entered at 0 s); chat 2 entered at 30 s and waits (Bob is Away).</summary>
    private static RoutingEngine AnnHoldsChatOneAndChatTwoWaits()
    {
        var engine = new EngineBuilder()
            .Queue("support")
            .Queue("billing")
            .Agent("ann", "support")
            .Agent(new AgentProfile("bob") { Queues = [new("support")] }, available: false)
            .Agent("cat", "billing")
            .Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.SetPresence("ann", AgentPresence.Away, null, At(10));
        engine.Enter(Request(2, "support", 30), At(30));
        return engine;
    }

    [Fact]
    public void An_agent_who_goes_Offline_returns_their_chats_to_their_queue()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();

        var outcome = engine.SetPresence("ann", AgentPresence.Offline, null, At(60));

        Assert.Equal(new ConversationRequeued(Chat(1), "support", "support", RequeueReason.AgentOffline, "ann"), outcome.Single<ConversationRequeued>());
        var chat = engine.Conversation(1, At(60));
        Assert.Equal((ConversationStage.Queued, null), (chat.Stage, chat.Username));
        Assert.Equal(0, engine.Agent("ann").ActiveConversations);
    }

    [Fact]
    public void A_returned_chat_keeps_its_original_place_ahead_of_later_chats()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();
        engine.SetPresence("ann", AgentPresence.Offline, null, At(60));

        Assert.Equal([Chat(1), Chat(2)], engine.GetStandings("support", At(60)).Ids());
        var offer = engine.SetPresence("bob", AgentPresence.Available, null, At(70)).All<OfferCreated>()[0];
        Assert.Equal((Chat(1), "bob"), (offer.ConversationId, offer.Username));
    }

    [Fact]
    public void A_returned_chat_goes_straight_to_a_ready_agent()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();
        engine.SetPresence("bob", AgentPresence.Available, null, At(40)); // takes chat 2
        engine.AcceptOffer("bob", At(41));

        var outcome = engine.SetPresence("ann", AgentPresence.Offline, null, At(60));

        Assert.Equal((Chat(1), "bob"), (outcome.Single<OfferCreated>().ConversationId, outcome.Single<OfferCreated>().Username));
    }

    [Fact]
    public void Going_Away_or_Do_not_disturb_keeps_the_chats()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();

        var outcome = engine.SetPresence("ann", AgentPresence.DoNotDisturb, null, At(60));

        outcome.None<ConversationRequeued>();
        Assert.Equal("ann", engine.Conversation(1, At(60)).Username);
    }

    [Fact]
    public void Going_Offline_cancels_a_pending_transfer_of_the_chat()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();
        engine.TransferToAgent(Chat(1), "ann", "cat", At(50));

        var outcome = engine.SetPresence("ann", AgentPresence.Offline, null, At(60));

        Assert.Equal(Chat(1), outcome.Single<TransferFailed>().ConversationId);
        Assert.Empty(engine.GetOffers("cat"));
        Assert.Equal(ConversationStage.Queued, engine.Conversation(1, At(60)).Stage);
    }

    [Fact]
    public void A_supervisor_moves_an_assigned_chat_to_another_agent()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();

        var outcome = engine.ForceAssign(Chat(1), "cat", At(60));

        Assert.Equal(new ConversationAssigned(Chat(1), "cat", "support", At(60), AssignmentKind.Forced, "ann"), outcome.Single<ConversationAssigned>());
        Assert.Equal((0, 1), (engine.Agent("ann").ActiveConversations, engine.Agent("cat").ActiveConversations));
    }

    [Fact]
    public void A_supervisor_cannot_give_a_chat_to_the_agent_who_holds_it_or_to_an_Offline_agent()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();
        engine.SetPresence("cat", AgentPresence.Offline, null, At(50));

        Assert.Equal(RoutingError.NotAllowed, engine.ForceAssign(Chat(1), "ann", At(60)).Error);
        Assert.Equal(RoutingError.AgentCannotTakeChat, engine.ForceAssign(Chat(1), "cat", At(60)).Error);
        Assert.Equal("ann", engine.Conversation(1, At(60)).Username);
    }

    [Fact]
    public void A_supervisor_moves_an_assigned_chat_to_a_queue_where_it_keeps_its_original_place()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();
        engine.Enter(Request(3, "billing", 40), At(40)); // Cat takes it
        engine.AcceptOffer("cat", At(41));
        engine.SetPresence("cat", AgentPresence.Away, null, At(42));
        engine.Enter(Request(4, "billing", 45), At(45));

        var outcome = engine.MoveToQueue(Chat(1), "billing", At(60));

        Assert.Equal(new ConversationRequeued(Chat(1), "support", "billing", RequeueReason.Supervisor, "ann"), outcome.Single<ConversationRequeued>());
        Assert.Equal([Chat(1), Chat(4)], engine.GetStandings("billing", At(60)).Ids());
        Assert.Equal(0, engine.Agent("ann").ActiveConversations);
    }

    [Fact]
    public void Moving_a_chat_to_a_queue_needs_an_assigned_chat_and_a_known_queue()
    {
        var engine = AnnHoldsChatOneAndChatTwoWaits();

        Assert.Equal(RoutingError.NotAssignedToAgent, engine.MoveToQueue(Chat(2), "billing", At(60)).Error);
        Assert.Equal(RoutingError.UnknownQueue, engine.MoveToQueue(Chat(1), "nowhere", At(60)).Error);
        Assert.Equal(RoutingError.UnknownConversation, engine.MoveToQueue(Chat(9), "billing", At(60)).Error);
    }

    [Fact]
    public void A_chat_restored_to_an_agent_who_is_still_Offline_goes_back_when_they_are_set_Offline()
    {
        // After a restart every agent starts Offline holding their restored chats, until they sign in again.
        var engine = new EngineBuilder().Queue("support").Agent(new AgentProfile("ann") { Queues = [new("support")] }, available: false).Build();
        engine.Restore(Request(1, "support", 0), "ann", At(5), At(10));

        var outcome = engine.SetPresence("ann", AgentPresence.Offline, null, At(60));

        Assert.Equal(RequeueReason.AgentOffline, outcome.Single<ConversationRequeued>().Reason);
        Assert.Equal(ConversationStage.Queued, engine.Conversation(1, At(60)).Stage);
    }
}
