namespace Parley.Routing.Estimation;

/// <summary>The last N handle times of a queue (assignment to close), for the wait estimate.</summary>
internal sealed class HandleTimeWindow(int size)
{
    private readonly long[] _ticks = new long[Math.Max(1, size)];
    private int _count;
    private int _next;
    private long _sum;

    // The same samples sorted, with the sum of each sample and those above it: the time a chat in progress has left
    // is read with one binary search (every board snapshot asks it for every busy slot).
    private long[] _sorted = [];
    private long[] _sumFrom = [];

    public int Count => _count;

    /// <summary>
    /// A chat's remaining time is read from at least this many longer handle times (or all there are): one or two
    /// just above its age made it look about to end, and promised "under a minute" too often in the simulation.
    /// </summary>
    private const int MinLonger = 5;

    public void Add(TimeSpan handleTime)
    {
        var ticks = Math.Max(0, handleTime.Ticks);
        if (_count == _ticks.Length)
        {
            _sum -= _ticks[_next];
        }
        else
        {
            _count++;
        }

        _ticks[_next] = ticks;
        _sum += ticks;
        _next = (_next + 1) % _ticks.Length;

        _sorted = _ticks[.._count];
        Array.Sort(_sorted);
        _sumFrom = new long[_count + 1];
        for (var i = _count - 1; i >= 0; i--)
        {
            _sumFrom[i] = _sumFrom[i + 1] + _sorted[i];
        }
    }

    public TimeSpan? Mean => _count == 0 ? null : TimeSpan.FromTicks(_sum / _count);

    /// <summary>
    /// How much longer a chat that has run <paramref name="age"/> is likely to take: the mean of (handle time − age)
    /// over the recent handle times longer than its age. Null when fewer than <see cref="MinLonger"/> of them (or none,
    /// with fewer samples) are longer: nothing known says when it ends. Without samples, <paramref name="assumed"/> stands for the one handle time known.
    /// </summary>
    public TimeSpan? Remaining(TimeSpan age, TimeSpan assumed)
    {
        var a = Math.Max(0, age.Ticks);
        if (_count == 0)
        {
            return assumed.Ticks > a ? TimeSpan.FromTicks(assumed.Ticks - a) : null;
        }

        // First sample longer than the age.
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_sorted[mid] > a)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var longer = _count - lo;
        return longer < Math.Min(MinLonger, _count) ? null : TimeSpan.FromTicks((_sumFrom[lo] / longer) - a);
    }
}
