namespace Parley.Routing.Tests;

public sealed class RoutingEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(30);
    private int _ids;

    private RoutingEngine NewEngine(RoutingOptions? options = null)
    {
        var engine = new RoutingEngine(options ?? new RoutingOptions(), () => new Guid(++_ids, 0, 0, new byte[8]));
        engine.DefineQueue(new QueueSettings("support", OfferTimeout));
        engine.DefineQueue(new QueueSettings("sales", OfferTimeout));
        return engine;
    }

    private static void AddAgent(RoutingEngine engine, string id, DateTimeOffset availableAt, int capacity = 3, params string[] queues)
    {
        engine.DefineAgent(new AgentProfile(id, capacity, queues.Length == 0 ? ["support"] : queues), availableAt);
        engine.SetPresence(id, AgentPresence.Available, availableAt);
    }

    private static Guid Conv(int n) => new(n, 1, 1, new byte[8]);

    [Fact]
    public void A_waiting_chat_is_offered_to_the_longest_idle_available_agent()
    {
        var engine = NewEngine();
        AddAgent(engine, "bob", T0.AddSeconds(5));
        AddAgent(engine, "alice", T0);

        var outcome = engine.Enqueue(Conv(1), "support", T0.AddSeconds(10), T0.AddSeconds(10));

        var offer = Assert.Single(outcome.Events.OfType<OfferCreated>());
        Assert.Equal("alice", offer.AgentId);
        Assert.Equal(T0.AddSeconds(10) + OfferTimeout, offer.ExpiresAt);
    }

    [Fact]
    public void An_agent_who_just_got_a_chat_goes_behind_agents_idle_for_longer()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0);
        AddAgent(engine, "bob", T0.AddSeconds(5));
        var first = engine.Enqueue(Conv(1), "support", T0.AddSeconds(10), T0.AddSeconds(10)).Events.OfType<OfferCreated>().Single();
        engine.Accept(first.OfferId, "alice", T0.AddSeconds(11));

        var second = engine.Enqueue(Conv(2), "support", T0.AddSeconds(12), T0.AddSeconds(12)).Events.OfType<OfferCreated>().Single();

        Assert.Equal("bob", second.AgentId);
    }

    [Fact]
    public void Chats_are_offered_first_in_first_out_when_capacity_frees_up()
    {
        var engine = NewEngine();
        engine.Enqueue(Conv(2), "support", T0.AddSeconds(2), T0.AddSeconds(2));
        engine.Enqueue(Conv(1), "support", T0.AddSeconds(1), T0.AddSeconds(2));
        AddAgent(engine, "alice", T0.AddSeconds(3), capacity: 1);

        var offer = Assert.Single(engine.GetOffers("alice"));
        Assert.Equal(Conv(1), offer.ConversationId);
    }

    [Fact]
    public void Capacity_counts_pending_offers_and_is_never_exceeded()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0, capacity: 2);
        var events = new List<RoutingEvent>();
        for (var i = 1; i <= 4; i++)
        {
            events.AddRange(engine.Enqueue(Conv(i), "support", T0.AddSeconds(i), T0.AddSeconds(i)).Events);
        }

        Assert.Equal(2, events.OfType<OfferCreated>().Count());
        Assert.Equal(2, engine.GetAgent("alice")!.PendingOffers);
        Assert.Equal(2, engine.GetQueues().Single(q => q.Queue == "support").Waiting - 2);
    }

    [Fact]
    public void Accepting_an_offer_assigns_the_chat_to_that_agent()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0);
        var offer = engine.Enqueue(Conv(1), "support", T0, T0).Events.OfType<OfferCreated>().Single();

        var outcome = engine.Accept(offer.OfferId, "alice", T0.AddSeconds(3));

        var assigned = Assert.Single(outcome.Events.OfType<ConversationAssigned>());
        Assert.Equal(("alice", Conv(1)), (assigned.AgentId, assigned.ConversationId));
        Assert.Equal(new AgentSnapshot("alice", AgentPresence.Available, 1, 0, 3), engine.GetAgent("alice"));
    }

    [Fact]
    public void An_agent_cannot_accept_an_offer_made_to_someone_else()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0);
        AddAgent(engine, "bob", T0.AddSeconds(1));
        var offer = engine.Enqueue(Conv(1), "support", T0, T0.AddSeconds(2)).Events.OfType<OfferCreated>().Single();

        Assert.Equal(RoutingError.OfferNotForThisAgent, engine.Accept(offer.OfferId, "bob", T0.AddSeconds(3)).Error);
        Assert.Equal(RoutingError.UnknownOffer, engine.Accept(Guid.NewGuid(), "alice", T0.AddSeconds(3)).Error);
    }

    [Fact]
    public void A_declined_chat_keeps_its_place_ahead_of_later_chats()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0, capacity: 1);
        AddAgent(engine, "bob", T0.AddSeconds(1), capacity: 1);
        var toAlice = engine.Enqueue(Conv(1), "support", T0.AddSeconds(2), T0.AddSeconds(2)).Events.OfType<OfferCreated>().Single();
        var toBob = engine.Enqueue(Conv(2), "support", T0.AddSeconds(3), T0.AddSeconds(3)).Events.OfType<OfferCreated>().Single();

        var aliceDeclines = engine.Decline(toAlice.OfferId, "alice", T0.AddSeconds(4));
        var bobDeclines = engine.Decline(toBob.OfferId, "bob", T0.AddSeconds(5));

        Assert.Equal(OfferEndReason.Declined, Assert.Single(aliceDeclines.Events.OfType<OfferWithdrawn>()).Reason);
        Assert.Empty(aliceDeclines.Events.OfType<OfferCreated>());
        Assert.Equal(
            [("bob", Conv(1)), ("alice", Conv(2))],
            bobDeclines.Events.OfType<OfferCreated>().Select(o => (o.AgentId, o.ConversationId)).ToList());
    }

    [Fact]
    public void A_declined_chat_goes_to_the_other_agent_before_any_later_chat()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0, capacity: 1);
        AddAgent(engine, "bob", T0.AddSeconds(1), capacity: 1);
        engine.SetPresence("bob", AgentPresence.Away, T0.AddSeconds(1));
        var offer = engine.Enqueue(Conv(1), "support", T0.AddSeconds(2), T0.AddSeconds(2)).Events.OfType<OfferCreated>().Single();
        engine.Enqueue(Conv(2), "support", T0.AddSeconds(3), T0.AddSeconds(3));
        engine.Decline(offer.OfferId, "alice", T0.AddSeconds(4));

        var outcome = engine.SetPresence("bob", AgentPresence.Available, T0.AddSeconds(5));

        var reoffer = Assert.Single(outcome.Events.OfType<OfferCreated>());
        Assert.Equal(("bob", Conv(1)), (reoffer.AgentId, reoffer.ConversationId));
        // Alice, passed over for chat 1, gets the next one instead.
        Assert.Equal(Conv(2), Assert.Single(engine.GetOffers("alice")).ConversationId);
    }

    [Fact]
    public void A_chat_declined_by_the_only_agent_is_offered_to_them_again_after_one_offer_timeout()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0);
        var offer = engine.Enqueue(Conv(1), "support", T0, T0).Events.OfType<OfferCreated>().Single();
        engine.Decline(offer.OfferId, "alice", T0.AddSeconds(1));

        Assert.Empty(engine.Tick(T0.AddSeconds(30)).Events.OfType<OfferCreated>());
        Assert.Equal(T0.AddSeconds(31), engine.NextDeadline());
        var again = Assert.Single(engine.Tick(T0.AddSeconds(31)).Events.OfType<OfferCreated>());
        Assert.Equal(("alice", Conv(1)), (again.AgentId, again.ConversationId));
    }

    [Fact]
    public void A_timed_out_offer_goes_to_the_next_agent_and_puts_the_silent_agent_away()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0);
        AddAgent(engine, "bob", T0.AddSeconds(1));
        var offer = engine.Enqueue(Conv(1), "support", T0.AddSeconds(2), T0.AddSeconds(2)).Events.OfType<OfferCreated>().Single();

        Assert.Empty(engine.Tick(offer.ExpiresAt.AddTicks(-1)).Events);
        var outcome = engine.Tick(offer.ExpiresAt);

        Assert.Equal(OfferEndReason.TimedOut, Assert.Single(outcome.Events.OfType<OfferWithdrawn>()).Reason);
        Assert.Equal(new AgentPresenceChanged("alice", AgentPresence.Away, "Missed offer"), Assert.Single(outcome.Events.OfType<AgentPresenceChanged>()));
        Assert.Equal("bob", Assert.Single(outcome.Events.OfType<OfferCreated>()).AgentId);
    }

    [Fact]
    public void A_missed_offer_leaves_the_agent_available_when_the_option_is_off()
    {
        var engine = NewEngine(new RoutingOptions { AwayAfterMissedOffer = false });
        AddAgent(engine, "alice", T0);
        var offer = engine.Enqueue(Conv(1), "support", T0, T0).Events.OfType<OfferCreated>().Single();

        engine.Tick(offer.ExpiresAt);

        Assert.Equal(AgentPresence.Available, engine.GetAgent("alice")!.Presence);
    }

    [Theory]
    [InlineData(AgentPresence.Away)]
    [InlineData(AgentPresence.Offline)]
    public void An_agent_who_is_not_available_gets_no_offer_and_loses_pending_ones(AgentPresence presence)
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0);
        engine.Enqueue(Conv(1), "support", T0, T0);

        var outcome = engine.SetPresence("alice", presence, T0.AddSeconds(1));
        Assert.Equal(OfferEndReason.AgentUnavailable, Assert.Single(outcome.Events.OfType<OfferWithdrawn>()).Reason);
        Assert.Empty(engine.Enqueue(Conv(2), "support", T0.AddSeconds(2), T0.AddSeconds(2)).Events.OfType<OfferCreated>());
    }

    [Fact]
    public void Agents_only_get_chats_of_their_queues()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0, 3, "sales");

        Assert.Empty(engine.Enqueue(Conv(1), "support", T0, T0).Events.OfType<OfferCreated>());
        Assert.Equal("alice", engine.Enqueue(Conv(2), "sales", T0, T0).Events.OfType<OfferCreated>().Single().AgentId);
    }

    [Fact]
    public void Ending_an_assigned_chat_frees_capacity_for_the_next_waiting_chat()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0, capacity: 1);
        var offer = engine.Enqueue(Conv(1), "support", T0, T0).Events.OfType<OfferCreated>().Single();
        engine.Accept(offer.OfferId, "alice", T0);
        engine.Enqueue(Conv(2), "support", T0.AddSeconds(1), T0.AddSeconds(1));

        var outcome = engine.End(Conv(1), T0.AddSeconds(5));

        Assert.Equal(Conv(2), Assert.Single(outcome.Events.OfType<OfferCreated>()).ConversationId);
    }

    [Fact]
    public void Ending_a_chat_while_it_is_offered_withdraws_the_offer()
    {
        var engine = NewEngine();
        AddAgent(engine, "alice", T0);
        var offer = engine.Enqueue(Conv(1), "support", T0, T0).Events.OfType<OfferCreated>().Single();

        var outcome = engine.End(Conv(1), T0.AddSeconds(1));

        Assert.Equal(new OfferWithdrawn(offer.OfferId, Conv(1), "alice", OfferEndReason.ConversationEnded), Assert.Single(outcome.Events.OfType<OfferWithdrawn>()));
        Assert.Equal(RoutingError.UnknownOffer, engine.Accept(offer.OfferId, "alice", T0.AddSeconds(2)).Error);
    }

    [Fact]
    public void Queue_positions_are_reported_when_they_change()
    {
        var engine = NewEngine();
        var first = engine.Enqueue(Conv(1), "support", T0, T0).Events.OfType<QueuePositionChanged>().ToList();
        var second = engine.Enqueue(Conv(2), "support", T0.AddSeconds(1), T0.AddSeconds(1)).Events.OfType<QueuePositionChanged>().ToList();
        AddAgent(engine, "alice", T0.AddSeconds(2), capacity: 1);
        var offer = Assert.Single(engine.GetOffers("alice"));

        var afterAccept = engine.Accept(offer.OfferId, "alice", T0.AddSeconds(3)).Events.OfType<QueuePositionChanged>().ToList();

        Assert.Equal([new QueuePositionChanged(Conv(1), "support", 1)], first);
        Assert.Equal([new QueuePositionChanged(Conv(2), "support", 2)], second);
        Assert.Equal([new QueuePositionChanged(Conv(2), "support", 1)], afterAccept);
    }

    [Fact]
    public void A_restored_assignment_counts_against_capacity_after_a_restart()
    {
        var engine = NewEngine();
        engine.DefineAgent(new AgentProfile("alice", 1, ["support"]), T0);
        engine.RestoreAssignment(Conv(1), "support", "alice", T0, T0);
        engine.SetPresence("alice", AgentPresence.Available, T0);

        Assert.Empty(engine.Enqueue(Conv(2), "support", T0, T0).Events.OfType<OfferCreated>());
        Assert.Equal(1, engine.GetAgent("alice")!.ActiveConversations);
    }

    [Fact]
    public void Commands_for_unknown_things_are_refused_without_changing_state()
    {
        var engine = NewEngine();

        Assert.Equal(RoutingError.UnknownQueue, engine.Enqueue(Conv(1), "nope", T0, T0).Error);
        Assert.Equal(RoutingError.UnknownAgent, engine.SetPresence("nobody", AgentPresence.Available, T0).Error);
        Assert.Equal(RoutingError.UnknownConversation, engine.End(Conv(1), T0).Error);
        engine.Enqueue(Conv(1), "support", T0, T0);
        Assert.Equal(RoutingError.ConversationAlreadyRouted, engine.Enqueue(Conv(1), "support", T0, T0).Error);
    }
}
