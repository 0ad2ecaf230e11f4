using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

public class PresenceTests
{
    private static AgentProfile Member(string id, int capacity = AgentProfile.DefaultCapacity) => new(id) { Capacity = capacity, Queues = [new("support")] };

    private static QueueSettings Support(double wrapUpSeconds = 0) => new("support") { WrapUp = TimeSpan.FromSeconds(wrapUpSeconds) };

    [Fact]
    public void New_agent_starts_offline_and_gets_no_offers()
    {
        var engine = new EngineBuilder().Queue("support").Agent(Member("ann"), available: false).Build();

        engine.Enter(Request(1, "support", 0), At(0)).None<OfferCreated>();

        var ann = engine.Agent("ann");
        Assert.Equal((AgentPresence.Offline, AgentStatus.Offline), (ann.Presence, ann.Status));
    }

    [Theory]
    [InlineData(AgentPresence.Away, AgentStatus.Away)]
    [InlineData(AgentPresence.DoNotDisturb, AgentStatus.DoNotDisturb)]
    [InlineData(AgentPresence.Offline, AgentStatus.Offline)]
    public void Agent_who_is_not_available_gets_no_offers(AgentPresence presence, AgentStatus status)
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();

        var changed = engine.SetPresence("ann", presence, "Meeting", At(0)).Single<AgentStateChanged>().Agent;
        engine.Enter(Request(1, "support", 0), At(0)).None<OfferCreated>();

        Assert.Equal((presence, "Meeting", status), (changed.Presence, changed.Reason, changed.Status));
    }

    [Fact]
    public void Reason_is_kept_with_the_presence_and_cleared_when_available_again()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();

        engine.SetPresence("ann", AgentPresence.Away, "Lunch", At(0));
        Assert.Equal("Lunch", engine.Agent("ann").Reason);
        engine.SetPresence("ann", AgentPresence.Away, "Training", At(10));
        Assert.Equal("Training", engine.Agent("ann").Reason);
        engine.SetPresence("ann", AgentPresence.Available, "ignored", At(20));

        Assert.Null(engine.Agent("ann").Reason);
    }

    [Fact]
    public void Leaving_available_withdraws_open_offers_which_go_to_the_next_agent_and_keeps_chats()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.GiveChat(Request(2, "support", 1), "bob", At(1)); // Bob was idle longer than Ann
        engine.Enter(Request(3, "support", 2), At(2));          // now Ann is
        Assert.Equal(Chat(3), engine.OfferOf("ann").ConversationId);

        var outcome = engine.SetPresence("ann", AgentPresence.DoNotDisturb, null, At(4));

        Assert.Equal(new OfferWithdrawn(OfferNumber(3), Chat(3), "ann", OfferEndReason.AgentUnavailable), outcome.Single<OfferWithdrawn>());
        Assert.Equal(("bob", Chat(3)), (outcome.Single<OfferCreated>().Username, outcome.Single<OfferCreated>().ConversationId));
        Assert.Equal("ann", engine.Conversation(1, At(4)).Username);
        Assert.Equal(1, engine.Agent("ann").ActiveConversations);
    }

    [Fact]
    public void A_queue_counts_as_signed_in_its_members_in_any_presence_but_offline_who_have_its_required_skills()
    {
        var billing = new QueueSettings("billing") { RequiredSkills = [new("billing", 5)] };
        AgentProfile Biller(string id, int level) => new(id) { Queues = [new("billing")], Skills = new Dictionary<string, int> { ["billing"] = level } };
        var engine = new EngineBuilder().Queue(billing)
            .Agent(Biller("ann", 5)).Agent(Biller("bob", 5)).Agent(Biller("cy", 2)).Agent(Biller("di", 9), available: false)
            .Build();
        Assert.Equal(2, engine.GetQueue("billing", At(0))!.AgentsSignedIn); // di is offline, cy lacks the level

        engine.SetPresence("ann", AgentPresence.Away, "Lunch", At(1));
        engine.SetPresence("bob", AgentPresence.DoNotDisturb, null, At(1));
        Assert.Equal(2, engine.GetQueue("billing", At(1))!.AgentsSignedIn); // away is still signed in: back soon

        engine.SetPresence("ann", AgentPresence.Offline, null, At(2));
        engine.SetPresence("bob", AgentPresence.Offline, null, At(2));
        Assert.Equal(0, engine.GetQueue("billing", At(2))!.AgentsSignedIn);
    }

    [Fact]
    public void Agent_who_lets_an_offer_time_out_is_put_away_with_a_reason()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.Tick(At(30));

        var ann = outcome.Single<AgentStateChanged>().Agent;
        Assert.Equal(("ann", AgentPresence.Away, "Missed offer", AgentStatus.Away), (ann.Username, ann.Presence, ann.Reason, ann.Status));
        outcome.None<OfferCreated>();
    }

    [Fact]
    public void Missed_offer_can_leave_the_agent_available_by_option()
    {
        var engine = new EngineBuilder()
            .WithOptions(new RoutingOptions { AwayAfterMissedOffer = false })
            .Queue("support")
            .Agent("ann", "support")
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));

        engine.Tick(At(30)).None<OfferCreated>(); // passed over for one offer timeout
        Assert.Equal(AgentStatus.Ready, engine.Agent("ann").Status);

        Assert.Equal("ann", engine.Tick(At(60)).Single<OfferCreated>().Username);
    }

    [Fact]
    public void Missed_offer_reason_is_configurable()
    {
        var engine = new EngineBuilder()
            .WithOptions(new RoutingOptions { MissedOfferReason = "No answer" })
            .Queue("support")
            .Agent("ann", "support")
            .Build();
        engine.Enter(Request(1, "support", 0), At(0));

        engine.Tick(At(30));

        Assert.Equal("No answer", engine.Agent("ann").Reason);
    }

    [Fact]
    public void Declining_does_not_put_the_agent_away()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        engine.DeclineOffer("ann", At(5));

        Assert.Equal((AgentPresence.Available, AgentStatus.Ready), (engine.Agent("ann").Presence, engine.Agent("ann").Status));
    }

    [Fact]
    public void Agent_at_capacity_is_busy_and_ready_again_when_a_chat_closes()
    {
        var engine = new EngineBuilder().Queue("support").Agent(Member("ann", capacity: 1)).Build();

        var busy = engine.Enter(Request(1, "support", 0), At(0)).Single<AgentStateChanged>().Agent;
        Assert.Equal((AgentStatus.Busy, 1), (busy.Status, busy.Load));
        engine.AcceptOffer("ann", At(1));

        var ready = engine.End(Chat(1), At(60)).Single<AgentStateChanged>().Agent;
        Assert.Equal(AgentStatus.Ready, ready.Status);
    }

    [Fact]
    public void Agent_is_in_wrap_up_for_the_queue_s_wrap_up_time_after_a_chat_closes()
    {
        var engine = new EngineBuilder().Queue(Support(wrapUpSeconds: 60)).Agent("ann", "support").Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));

        var ended = engine.End(Chat(1), At(100)).Single<AgentStateChanged>().Agent;
        Assert.Equal((AgentStatus.WrapUp, At(160)), (ended.Status, ended.WrapUpUntil));

        // No offers during wrap-up, although Ann has free capacity.
        engine.Enter(Request(2, "support", 110), At(110)).None<OfferCreated>();
        Assert.Equal(At(160), engine.NextDeadline());
        engine.Tick(At(159)).None<OfferCreated>();

        var outcome = engine.Tick(At(160));
        Assert.Equal(Chat(2), outcome.Single<OfferCreated>().ConversationId);
        Assert.Null(engine.Agent("ann").WrapUpUntil);
    }

    [Fact]
    public void Agent_can_end_wrap_up_early()
    {
        var engine = new EngineBuilder().Queue(Support(wrapUpSeconds: 60)).Agent("ann", "support").Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.End(Chat(1), At(100));
        engine.Enter(Request(2, "support", 110), At(110));

        var outcome = engine.EndWrapUp("ann", At(120));

        Assert.Equal(Chat(2), outcome.Single<OfferCreated>().ConversationId);
        Assert.Equal(At(120), engine.Agent("ann").IdleSince);
    }

    [Fact]
    public void Queue_without_wrap_up_time_leaves_the_agent_ready()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));

        engine.End(Chat(1), At(100));

        Assert.Equal((AgentStatus.Ready, (DateTimeOffset?)null), (engine.Agent("ann").Status, engine.Agent("ann").WrapUpUntil));
    }

    [Fact]
    public void Externally_busy_agent_gets_no_offers_and_loses_open_ones()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Build();
        engine.Enter(Request(1, "support", 0), At(0));

        var outcome = engine.SetExternalState("ann", "voice", busy: true, At(5));

        Assert.Equal(OfferEndReason.AgentUnavailable, outcome.Single<OfferWithdrawn>().Reason);
        Assert.Equal("bob", outcome.Single<OfferCreated>().Username);
        var ann = engine.Agent("ann");
        Assert.Equal((AgentPresence.Available, AgentStatus.ExternalBusy), (ann.Presence, ann.Status));
        Assert.Equal(["voice"], ann.ExternalBusy);
    }

    [Fact]
    public void External_busy_state_ends_only_when_every_source_clears_it()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();
        engine.SetExternalState("ann", "voice", busy: true, At(0));
        engine.SetExternalState("ann", "video", busy: true, At(1));
        engine.Enter(Request(1, "support", 2), At(2));

        engine.SetExternalState("ann", "voice", busy: false, At(10)).None<OfferCreated>();
        var outcome = engine.SetExternalState("ann", "video", busy: false, At(20));

        Assert.Equal("ann", outcome.Single<OfferCreated>().Username);
        Assert.Equal(At(20), engine.Agent("ann").IdleSince);
    }

    [Fact]
    public void Status_shows_the_first_state_that_applies_presence_then_external_then_wrap_up_then_busy()
    {
        var engine = new EngineBuilder().Queue(Support(wrapUpSeconds: 600)).Agent(Member("ann", capacity: 1)).Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        Assert.Equal(AgentStatus.Busy, engine.Agent("ann").Status);

        engine.DefineAgent(Member("ann", capacity: 2), At(1));
        engine.GiveChat(Request(2, "support", 1), "ann", At(1));
        engine.End(Chat(1), At(2)); // one chat left at capacity 2… and wrap-up
        engine.DefineAgent(Member("ann", capacity: 1), At(3)); // at capacity again
        Assert.Equal(AgentStatus.WrapUp, engine.Agent("ann").Status);

        engine.SetExternalState("ann", "voice", busy: true, At(4));
        Assert.Equal(AgentStatus.ExternalBusy, engine.Agent("ann").Status);

        engine.SetPresence("ann", AgentPresence.DoNotDisturb, null, At(5));
        Assert.Equal(AgentStatus.DoNotDisturb, engine.Agent("ann").Status);
    }

    [Fact]
    public void Agent_state_is_reported_only_when_it_changes()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Build();

        engine.SetPresence("ann", AgentPresence.Available, null, At(0)).None<AgentStateChanged>();
        engine.SetPresence("ann", AgentPresence.Away, null, At(1)).Single<AgentStateChanged>();
        engine.SetPresence("ann", AgentPresence.Away, null, At(2)).None<AgentStateChanged>();
    }

    [Fact]
    public void Agent_who_holds_chats_cannot_be_removed_and_one_who_does_not_passes_on_their_offers()
    {
        var engine = new EngineBuilder().Queue("support").Agent("ann", "support").Agent("bob", "support").Agent("cat", "support").Build();
        engine.GiveChat(Request(1, "support", 0), "ann", At(0));
        engine.Enter(Request(2, "support", 1), At(1));
        Assert.Equal(Chat(2), engine.OfferOf("bob").ConversationId);

        Assert.Equal(RoutingError.InUse, engine.RemoveAgent("ann", At(2)).Error);
        var outcome = engine.RemoveAgent("bob", At(2));

        Assert.Equal(OfferEndReason.AgentUnavailable, outcome.Single<OfferWithdrawn>().Reason);
        Assert.Equal("cat", outcome.Single<OfferCreated>().Username);
        Assert.Null(engine.GetAgent("bob"));
    }
}
