namespace Parley.Server.Tests.Infrastructure;

/// <summary>For state that changes on its own schedule (heartbeats): re-reads until it matches, with a time limit.</summary>
public static class Eventually
{
    public static async Task<T> ThatAsync<T>(Func<T> read, Func<T, bool> match, string what, TimeSpan? patience = null)
    {
        var deadline = DateTimeOffset.UtcNow + (patience ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = read();
            if (match(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {what}.");
            }

            await Task.Delay(50); // the poll interval of this deadline loop, not a wait for anything
        }
    }

    /// <summary>The same for an answer that takes its own time to come (a request that waits for the server).</summary>
    public static async Task<T> ThatAsync<T>(Func<Task<T>> read, Func<T, bool> match, string what, TimeSpan? patience = null)
    {
        var deadline = DateTimeOffset.UtcNow + (patience ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await read();
            if (match(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {what}.");
            }

            await Task.Delay(50); // the poll interval of this deadline loop, not a wait for anything
        }
    }
}
