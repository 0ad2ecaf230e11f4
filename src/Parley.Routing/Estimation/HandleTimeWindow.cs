namespace Parley.Routing.Estimation;

/// <summary>The last N handle times of a queue (assignment to close), for the wait estimate.</summary>
internal sealed class HandleTimeWindow(int size)
{
    private readonly long[] _ticks = new long[Math.Max(1, size)];
    private int _count;
    private int _next;
    private long _sum;

    public int Count => _count;

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
    }

    public TimeSpan? Mean => _count == 0 ? null : TimeSpan.FromTicks(_sum / _count);
}
