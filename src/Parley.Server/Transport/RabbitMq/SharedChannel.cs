using RabbitMQ.Client;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// A channel used by many callers at once (publishing, declaring), opened on first use and opened again when the
/// broker closed it after a channel error (a publish to a missing exchange, say). After a lost connection,
/// RabbitMQ.Client restores it by itself.
/// </summary>
internal sealed class SharedChannel(RabbitMqConnection connection, CreateChannelOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IChannel? _channel;

    public async Task<IChannel> GetAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        if (!connection.IsReady)
        {
            throw new BrokerUnavailableException("not connected to the broker");
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } current)
            {
                return current;
            }

            if (_channel is { } dead)
            {
                _channel = null;
                await DisposeQuietlyAsync(dead);
            }

            _channel = await connection.CreateChannelAsync(options, cancellationToken);
            return _channel;
        }
        finally
        {
            _lock.Release();
        }
    }

    internal static async Task DisposeQuietlyAsync(IChannel channel)
    {
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception)
        {
            // Already closed with its connection.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_channel is { } channel)
            {
                _channel = null;
                await DisposeQuietlyAsync(channel);
            }
        }
        finally
        {
            _lock.Release();
        }

        _lock.Dispose();
    }
}
