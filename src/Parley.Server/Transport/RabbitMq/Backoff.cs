namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// The wait between retries of something that failed (connecting to the broker, subscribing to a queue): it starts
/// at <c>first</c> and doubles after each failure up to <c>max</c>; a success starts it again at <c>first</c>.
/// </summary>
internal sealed class Backoff(TimeSpan first, TimeSpan max)
{
    private readonly TimeSpan _first = first;

    /// <summary>The wait before the next retry.</summary>
    public TimeSpan Current { get; private set; } = first;

    /// <summary>Another failure: the next wait is twice as long, at most <c>max</c>.</summary>
    public void Failed() => Current = TimeSpan.FromTicks(Math.Min(Current.Ticks * 2, max.Ticks));

    /// <summary>It worked (or was woken on purpose): the next wait starts again at <c>first</c>.</summary>
    public void Reset() => Current = _first;
}
