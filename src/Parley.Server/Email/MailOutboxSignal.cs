using System.Threading.Channels;

namespace Parley.Server.Email;

/// <summary>
/// Wakes the outbox worker right after a mail was committed (<see cref="Wake"/>), instead of at its next due time. A
/// wake that comes while the worker is busy is kept (one at most), so none is lost between a scan and the next wait.
/// </summary>
public sealed class MailOutboxSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Call after the SaveChanges that committed a mail (<see cref="MailOutbox.Enqueue"/>).</summary>
    public void Wake() => _wakes.Writer.TryWrite(true);

    internal async Task WaitAsync(CancellationToken cancellationToken) => await _wakes.Reader.ReadAsync(cancellationToken);
}
