using Parley.Load.Measurement;

namespace Parley.Bench.Tests;

/// <summary>The load tool's ledger: when a message stops being outstanding, which the drain and the history check wait for.</summary>
public sealed class MessageLedgerTests
{
    private static readonly Guid Chat = Guid.NewGuid();

    [Fact]
    public async Task A_message_delivered_before_its_sender_is_answered_stays_outstanding_until_the_answer()
    {
        var ledger = new MessageLedger(new Metrics());
        var track = ledger.Register(Direction.CustomerToAgent, Chat, Clock.Now, measured: true);
        ledger.MarkSent(track);

        // After a crash the retried send is answered after the other side already has the message.
        ledger.Received(Side.Agent, Chat, track.Id, "hello", seq: 5, Clock.Now);
        var settledEarly = await ledger.WhenSettledAsync(TimeSpan.Zero, CancellationToken.None);
        ledger.MarkAcknowledged(track);

        Assert.False(settledEarly);
        Assert.True(await ledger.WhenSettledAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(0, ledger.Outstanding);
    }

    [Fact]
    public async Task A_message_is_settled_by_its_delivery_after_the_answer_or_by_its_failure_alone()
    {
        var ledger = new MessageLedger(new Metrics());
        var answered = ledger.Register(Direction.AgentToCustomer, Chat, Clock.Now, measured: true);
        var failed = ledger.Register(Direction.CustomerToAgent, Chat, Clock.Now, measured: true);

        ledger.MarkAcknowledged(answered);
        var outstandingAnswered = ledger.Outstanding;
        ledger.Received(Side.Customer, Chat, answered.Id, "hi", seq: 1, Clock.Now);
        ledger.MarkFailed(failed);

        Assert.Equal(2, outstandingAnswered);
        Assert.True(await ledger.WhenSettledAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
    }
}
