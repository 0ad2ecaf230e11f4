using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// One end's connection to the broker. The first connection is made in the background, retried with back-off while
/// the broker is down (nothing throws because of that); after that RabbitMQ.Client's automatic recovery reconnects
/// and restores channels, declared queues, bindings and consumers. <see cref="WaitReadyAsync"/> tells the
/// consumers when the connection is (again) usable.
/// </summary>
/// <remarks>
/// TLS: an <c>amqps://</c> URI (port 5671 by default) turns TLS on; the broker's certificate must be valid for
/// <see cref="RabbitMqOptions.TlsServerName"/>, or the URI's host when that is unset. With
/// <see cref="RabbitMqOptions.TlsClientCertificatePath"/> (PKCS#12, password in
/// <see cref="RabbitMqOptions.TlsClientCertificatePassword"/>) the client presents that certificate; when the URI then
/// has no user name, the broker authenticates the client by the certificate (SASL EXTERNAL, rabbitmq_auth_mechanism_ssl).
/// </remarks>
internal sealed class RabbitMqConnection : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly ConnectionFactory _factory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TaskCompletionSource<IConnection> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IConnection? _connection;
    private Task? _loop;

    public RabbitMqConnection(RabbitMqOptions options, string client, ILogger logger)
    {
        Client = client;
        _logger = logger;
        _factory = CreateFactory(options, client);
        UserId = _factory.AuthMechanisms.Any(m => m is ExternalMechanismFactory) ? null : _factory.UserName;
        Endpoint = $"{(_factory.Ssl.Enabled ? "amqps" : "amqp")}://{_factory.HostName}:{_factory.Port}/{_factory.VirtualHost}";
    }

    /// <summary>Who this is in logs: "core" or "edge NAME".</summary>
    public string Client { get; }

    /// <summary>The broker URI without credentials, for logs.</summary>
    public string Endpoint { get; }

    /// <summary>The broker user (RabbitMQ checks a message's user-id against it); null when a certificate authenticates.</summary>
    public string? UserId { get; }

    /// <summary>Raised when an established connection is lost (not when it is closed here).</summary>
    public event Action? Lost;

    /// <summary>Completes after the first connection attempt, whether it worked or not.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    /// <summary>Connected, with topology and consumers restored after a reconnection.</summary>
    public bool IsReady => _connection is { IsOpen: true } && _ready.Task.IsCompletedSuccessfully;

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>What this client accepts in one message (the broker's own <c>max_message_size</c> is set on the broker: docs/operations.md).</summary>
    internal const uint MaxInboundMessageBytes = 128 * 1024 * 1024;

    internal static ConnectionFactory CreateFactory(RabbitMqOptions options, string client)
    {
        if (string.IsNullOrWhiteSpace(options.Uri) || !Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new ArgumentException("Parley:RabbitMq:Uri must be an amqp:// or amqps:// URI.", nameof(options));
        }

        var factory = new ConnectionFactory
        {
            Uri = uri, // sets host, port, vhost, user and password; amqps:// turns TLS on with the URI's host as server name
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = TimeSpan.FromSeconds(15),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            ClientProvidedName = "parley " + client,
            // The largest message Parley makes is a file at the most Parley:Files:MaxBytes allows (64 MB) as base64 in
            // JSON, about 86 MB: above the client's default of 64 MiB, which would close the whole connection on it.
            MaxInboundMessageBodySize = MaxInboundMessageBytes,
        };

        if (uri.Scheme == "amqps")
        {
            factory.Ssl.Enabled = true;
            factory.Ssl.ServerName = string.IsNullOrWhiteSpace(options.TlsServerName) ? uri.Host : options.TlsServerName;
            if (!string.IsNullOrWhiteSpace(options.TlsClientCertificatePath))
            {
                factory.Ssl.CertPath = options.TlsClientCertificatePath;
                factory.Ssl.CertPassphrase = options.TlsClientCertificatePassword;
                if (string.IsNullOrEmpty(uri.UserInfo))
                {
                    factory.AuthMechanisms = [new ExternalMechanismFactory()];
                }
            }
        }

        return factory;
    }

    /// <summary>Starts connecting in the background (once).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => ConnectLoopAsync(_stopping.Token));
        }
    }

    /// <summary>The connection, once it is usable (again).</summary>
    public async Task<IConnection> WaitReadyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<IConnection> ready;
            lock (_gate)
            {
                ready = _ready.Task;
            }

            var connection = await ready.WaitAsync(cancellationToken);
            if (connection.IsOpen)
            {
                return connection;
            }

            // Lost just now; the shutdown notification that resets the ready state is on its way.
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>A new channel on the current connection; <see cref="BrokerUnavailableException"/> while there is none.</summary>
    public async Task<IChannel> CreateChannelAsync(CreateChannelOptions options, CancellationToken cancellationToken)
    {
        var connection = _connection;
        if (connection is null || !IsReady)
        {
            throw new BrokerUnavailableException("not connected to the broker");
        }

        return await connection.CreateChannelAsync(options, cancellationToken);
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        var delay = new Backoff(FirstRetryDelay, MaxRetryDelay);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IConnection connection;
            try
            {
                connection = await _factory.CreateConnectionAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var reason = e.InnerException?.Message is { } inner ? $"{e.Message} ({inner})" : e.Message;
                if (++failures == 1)
                {
                    RabbitMqLog.ConnectFailed(_logger, Client, Endpoint, reason);
                }
                else
                {
                    RabbitMqLog.ConnectRetryFailed(_logger, Client, Endpoint, reason, delay.Current);
                }

                _firstAttempt.TrySetResult();
                try
                {
                    await Task.Delay(delay.Current, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay.Failed();
                continue;
            }

            connection.ConnectionShutdownAsync += OnShutdownAsync;
            connection.RecoverySucceededAsync += OnRecoveredAsync;
            connection.ConnectionRecoveryErrorAsync += OnRecoveryErrorAsync;
            if (cancellationToken.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                return;
            }

            _connection = connection;
            RabbitMqLog.Connected(_logger, Client, Endpoint, _factory.UserName);
            lock (_gate)
            {
                _ready.TrySetResult(connection);
            }

            _firstAttempt.TrySetResult();
            return;
        }
    }

    private Task OnShutdownAsync(object? sender, ShutdownEventArgs args)
    {
        if (_stopping.IsCancellationRequested || args.Initiator == ShutdownInitiator.Application)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_ready.Task.IsCompleted)
            {
                _ready = new TaskCompletionSource<IConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (args.Initiator == ShutdownInitiator.Peer && args.ReplyCode == Constants.AccessRefused)
        {
            // RabbitMQ.Client does not recover from this one (e.g. the user's access was taken away and given back).
            RabbitMqLog.ConnectionRefused(_logger, Client, args.ReplyCode, args.ReplyText);
            var defunct = sender as IConnection ?? _connection;
            _connection = null;
            lock (_gate)
            {
                _loop = Task.Run(async () =>
                {
                    if (defunct is not null)
                    {
                        await DisposeQuietlyAsync(defunct);
                    }

                    await ConnectLoopAsync(_stopping.Token);
                });
            }
        }
        else
        {
            RabbitMqLog.ConnectionLost(_logger, Client, args.ReplyCode, args.ReplyText);
        }

        Lost?.Invoke();
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object? sender, AsyncEventArgs args)
    {
        if (_connection is { } connection)
        {
            RabbitMqLog.Reconnected(_logger, Client);
            lock (_gate)
            {
                _ready.TrySetResult(connection);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnRecoveryErrorAsync(object? sender, ConnectionRecoveryErrorEventArgs args)
    {
        RabbitMqLog.RecoveryAttemptFailed(_logger, Client, args.Exception);
        return Task.CompletedTask;
    }

    private static async Task DisposeQuietlyAsync(IConnection connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.CloseAsync(Constants.ReplySuccess, "closing", TimeSpan.FromSeconds(2), abort: !connection.IsOpen, CancellationToken.None);
            }
            catch (Exception)
            {
                // Closing a broken connection: nothing to do.
            }

            await DisposeQuietlyAsync(connection);
        }

        _firstAttempt.TrySetResult();
    }
}
