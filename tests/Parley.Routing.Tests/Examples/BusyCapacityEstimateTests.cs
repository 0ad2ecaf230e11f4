using static Parley.Routing.Tests.Examples.EngineBuilder;

namespace Parley.Routing.Tests.Examples;

/// <summary>
/// The wait estimate accounts for the chats in progress: how long they have run against the queue's recent handle
/// times, and gives no number when nobody can honestly be expected to free up (docs/routing.md, "Wait estimate").
/// </summary>
public class BusyCapacityEstimateTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static AgentProfile Member(string id, int capacity, params string[] queues) =>
        new(id) { Capacity = capacity, Queues = [.. queues.Select(q => new QueueMembership(q))] };

    /// <summary>
    /// The reported case: support's only member Ann (capacity 3) closed three chats after about a minute each, then took
    /// three more at 1:00 that are still open; chat 7 entered at 1:30.
    /// </summary>
    private static RoutingEngine AnnBusyAtThreeOfThree()
    {
        var engine = new EngineBuilder().Queue("support").Agent(Member("ann", 3, "support")).Build();
        for (var i = 1; i <= 3; i++)
        {
            engine.GiveChat(Request(i, "support", 0), "ann", At(0));
        }

        for (var i = 1; i <= 3; i++)
        {
            engine.End(Chat(i), At(55 + (5 * i))); // handle times 1:00, 1:05, 1:10
        }

        for (var i = 4; i <= 6; i++)
        {
            engine.GiveChat(Request(i, "support", 70), "ann", At(70));
        }

        engine.Enter(Request(7, "support", 90), At(90));
        return engine;
    }

    [Fact]
    public void Customer_who_waited_eleven_and_a_half_minutes_behind_a_busy_agent_is_not_told_less_than_a_minute()
    {
        var engine = AnnBusyAtThreeOfThree();
        var now = At(90 + (11.5 * 60));

        // Ann's three chats have run 11:50, far past every handle time the queue has seen: nothing says she frees up
        // within a minute. Before, the estimate was 1:05 ÷ 3 slots = 22 s ("less than a minute") and 43 s for a new chat.
        var standing = engine.GetStanding(Chat(7), now)!;
        Assert.True(standing.EstimatedWait is null || standing.EstimatedWait > 2 * Minute, $"estimate {standing.EstimatedWait}");
        var queue = engine.GetQueue("support", now)!;
        Assert.True(queue.EstimatedWaitForNewChat is null || queue.EstimatedWaitForNewChat > 2 * Minute, $"estimate {queue.EstimatedWaitForNewChat}");

        // Honestly unknown, and said why: someone serves the queue but is busy longer than usual.
        Assert.Null(standing.EstimatedWait);
        Assert.Equal(NoEstimateReason.AgentsBusy, standing.NoEstimate);
        Assert.Equal(NoEstimateReason.AgentsBusy, queue.NoEstimateForNewChat);
    }

    [Fact]
    public void Chats_in_progress_count_with_the_handle_time_they_still_have_left()
    {
        var engine = AnnBusyAtThreeOfThree();

        // At 1:30 Ann's chats have run 20 s of about 1:05: about 45 s left each, three slots: the first frees in about
        // 45 ÷ 3 = 15 s.
        var early = engine.GetStanding(Chat(7), At(90))!.EstimatedWait!.Value;
        Assert.InRange(early.TotalSeconds, 14, 16);

        // At 2:05 (55 s in) the past chats' 1:00, 1:05 and 1:10 leave about 10 s each: about 10 ÷ 3 = 3.3 s.
        var later = engine.GetStanding(Chat(7), At(125))!.EstimatedWait!.Value;
        Assert.InRange(later.TotalSeconds, 3, 4);
        Assert.Null(engine.GetStanding(Chat(7), At(90))!.NoEstimate);
    }

    [Fact]
    public void Nobody_serving_is_said_apart_from_everybody_busy()
    {
        var engine = AnnBusyAtThreeOfThree();
        engine.SetPresence("ann", AgentPresence.Away, "Break", At(100));

        var standing = engine.GetStanding(Chat(7), At(100))!;
        Assert.Null(standing.EstimatedWait);
        Assert.Equal(NoEstimateReason.NobodyServing, standing.NoEstimate);
        Assert.Equal(NoEstimateReason.NobodyServing, engine.GetQueue("support", At(100))!.NoEstimateForNewChat);
    }

    [Fact]
    public void Queue_with_a_chat_waiting_for_a_slot_is_reported_every_time_as_its_estimate_moves_with_time()
    {
        var engine = AnnBusyAtThreeOfThree();
        Assert.Equal(["support"], engine.TakeChangedQueues());

        // Nothing happens, but Ann's chats grow older: chat 7's estimate changes with time alone.
        Assert.Equal(["support"], engine.TakeChangedQueues());

        engine.End(Chat(4), At(200)); // chat 7 is offered to Ann: it no longer waits for a slot
        Assert.Equal(["support"], engine.TakeChangedQueues());
        Assert.Empty(engine.TakeChangedQueues());
    }
}
