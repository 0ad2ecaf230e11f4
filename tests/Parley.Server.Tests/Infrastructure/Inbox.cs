using System.Threading.Channels;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Collects what a hub pushes, and waits (with a time limit, never a sleep) for the next match.</summary>
public sealed class Inbox<T>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();
    private readonly List<T> _seen = [];

    public void Add(T item) => _items.Writer.TryWrite(item);

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<T> Seen
    {
        get
        {
            // Read from several threads (a hub handler may look at what arrived): drain and copy under a lock.
            lock (_seen)
            {
                while (_items.Reader.TryRead(out var item))
                {
                    _seen.Add(item);
                }

                return [.. _seen];
            }
        }
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, string what, TimeSpan? patience = null)
    {
        var existing = Seen.FirstOrDefault(match);
        if (existing is not null)
        {
            return existing;
        }

        using var timeout = new CancellationTokenSource(patience ?? Patience);
        try
        {
            while (true)
            {
                var item = await _items.Reader.ReadAsync(timeout.Token);
                lock (_seen)
                {
                    _seen.Add(item);
                }

                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            var seen = Seen;
            throw new TimeoutException($"Waited {(patience ?? Patience).TotalSeconds} s for {what}; received {seen.Count} item(s): {string.Join(", ", seen)}");
        }
    }
}
