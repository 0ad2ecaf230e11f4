using System.Collections.Immutable;
using System.Threading.Channels;

namespace Parley.Server.Storage;

/// <summary>
/// Tells the projections of the reporting event log that facts were committed (<see cref="Wake"/>), so they fold them in
/// at once rather than at their next poll. Each projection subscribes once and waits on its own reader; a wake that
/// comes while it is busy is kept (one at most), so none is lost between a read and the next wait.
/// </summary>
public sealed class ReportLogSignal
{
    private ImmutableArray<Channel<bool>> _subscribers = [];

    /// <summary>Call after the commit that appended facts.</summary>
    public void Wake()
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(true);
        }
    }

    /// <summary>A projection's own wake-ups.</summary>
    public ChannelReader<bool> Subscribe()
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(channel));
        return channel.Reader;
    }
}
