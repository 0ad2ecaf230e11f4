using Microsoft.Extensions.Time.Testing;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Drives the fake clock of a <see cref="ParleyServer"/> started with <c>time:</c>.</summary>
public static class FakeClock
{
    /// <summary>
    /// Moves the clock on a step at a time until what the server pushed matches: for what a server timer does at its
    /// next turn after something else happened first on another thread (the queue standings pushed on their interval
    /// after an offer timed out; a sign-out grace that starts once the server noticed a connection close). A poll
    /// with a deadline (<see cref="Eventually"/>); the clock moves only while nothing matches yet.
    /// </summary>
    public static async Task<T> RunUntilAsync<T>(this FakeTimeProvider time, TimeSpan step, Inbox<T> inbox, Func<T, bool> match, string what)
        where T : class
    {
        var found = await RunUntilAsync(time, step, () => inbox.Seen.FirstOrDefault(match), found => found is not null, what);
        return found!;
    }

    /// <inheritdoc cref="RunUntilAsync{T}(FakeTimeProvider, TimeSpan, Inbox{T}, Func{T, bool}, string)"/>
    public static Task<T> RunUntilAsync<T>(this FakeTimeProvider time, TimeSpan step, Func<T> read, Func<T, bool> match, string what) =>
        Eventually.ThatAsync(
            () =>
            {
                var value = read();
                if (!match(value))
                {
                    time.Advance(step);
                }

                return value;
            },
            match,
            what);
}
