using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Customers;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Customers;

/// <summary>The edge's copy of the availability facts: when it counts as current, and which snapshot it keeps.</summary>
public sealed class EdgeAvailabilityTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_copy_fetched_before_an_answered_heartbeat_is_used_but_stays_stale_so_the_heartbeat_fetches_it_again()
    {
        // The core tells its changes only to edges it has heard from: a customer's ask before this edge's first
        // answered heartbeat gets facts that the next change may leave behind.
        var availability = new EdgeAvailability(Time, NullLogger<EdgeAvailability>.Instance);
        var core = new Core(Snapshot(1, agentsSignedIn: false));

        var asked = await availability.RefreshAsync(core, afterHeartbeat: false, CancellationToken.None);
        var staleAfterAsk = availability.Stale;
        var noAgents = availability.For("support")!.State;
        core.Answer = Snapshot(2, agentsSignedIn: true);
        await availability.RefreshAsync(core, afterHeartbeat: true, CancellationToken.None);

        Assert.True(asked);
        Assert.True(staleAfterAsk);
        Assert.Equal(AvailabilityState.NoAgents, noAgents);
        Assert.False(availability.Stale);
        Assert.Equal(AvailabilityState.Open, availability.For("support")!.State);
    }

    [Fact]
    public void An_older_snapshot_arriving_after_a_newer_one_is_ignored()
    {
        var availability = new EdgeAvailability(Time, NullLogger<EdgeAvailability>.Instance);

        availability.Apply(Snapshot(5, agentsSignedIn: true));
        availability.Apply(Snapshot(4, agentsSignedIn: false));

        Assert.Equal(AvailabilityState.Open, availability.For("support")!.State);
    }

    private static AvailabilitySnapshot Snapshot(long version, bool agentsSignedIn) =>
        new(version, [], [new QueueOpening("support", null, AvailabilityPolicy.Queue, AvailabilityPolicy.Queue, agentsSignedIn)]);

    private sealed class Core(AvailabilitySnapshot answer) : ICoreClient
    {
        public AvailabilitySnapshot Answer { get; set; } = answer;

        public Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken) =>
            Task.FromResult(request is GetAvailability
                ? CoreResult.Ok((TReply)(object)Answer)
                : CoreResult.Fail<TReply>(CoreError.Unavailable, CoreResult.UnavailableDetail));
    }
}
