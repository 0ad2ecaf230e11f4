using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>SQLite's writers take turns in arrival order; PostgreSQL's go side by side.</summary>
public sealed class WriteTurnsTests
{
    [Fact]
    public async Task One_at_a_time_hands_the_turn_to_the_writers_in_the_order_they_asked()
    {
        var turns = new WriteTurns(oneAtATime: true);
        var order = new List<string>();

        var first = await turns.TakeAsync(CancellationToken.None);
        var projection = Take("projection");
        var groupCommit = Take("group commit");
        var waitingWhileHeld = (projection.IsCompleted, groupCommit.IsCompleted);
        first.Dispose();
        await Task.WhenAll(projection, groupCommit);

        Assert.Equal((false, false), waitingWhileHeld);
        Assert.Equal(["projection", "group commit"], order);

        async Task Take(string writer)
        {
            using var turn = await turns.TakeAsync(CancellationToken.None);
            lock (order)
            {
                order.Add(writer);
            }
        }
    }

    [Fact]
    public async Task Side_by_side_never_waits()
    {
        var turns = new WriteTurns(oneAtATime: false);

        using var first = await turns.TakeAsync(CancellationToken.None);
        var second = turns.TakeAsync(CancellationToken.None);

        Assert.True(second.IsCompleted);
        (await second).Dispose();
    }

    [Fact]
    public async Task A_writer_that_stops_waiting_does_not_take_a_turn()
    {
        var turns = new WriteTurns(oneAtATime: true);
        using var cancel = new CancellationTokenSource();

        var held = await turns.TakeAsync(CancellationToken.None);
        var gaveUp = turns.TakeAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        held.Dispose();

        var next = turns.TakeAsync(CancellationToken.None);
        Assert.True(next.IsCompleted);
        (await next).Dispose();
    }
}
