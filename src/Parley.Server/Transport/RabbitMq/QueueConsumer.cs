using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// Keeps one consumer on a queue for as long as the transport lives, with manual acknowledgements and a prefetch.
/// A lost connection is restored by RabbitMQ.Client (consumer included); when the consumer is gone for good (its
/// channel closed by the broker, the queue deleted, a recovery that could not restore it, a queue that does not
/// exist yet) it subscribes again, with back-off (<see cref="Wake"/> retries at once).
/// </summary>
internal sealed class QueueConsumer : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private readonly RabbitMqConnection _connection;
    private readonly string _queue;
    private readonly ushort _prefetch;
    private readonly Func<CancellationToken, Task>? _prepare;
    private readonly Func<IChannel, BasicDeliverEventArgs, Task> _onMessage;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private IChannel? _channel;
    private string? _consumerTag;

    /// <param name="prepare">Runs before each subscription (the core declares its topology there).</param>
    /// <param name="onMessage">Called one message at a time, in queue order; it acknowledges on the given channel.</param>
    public QueueConsumer(RabbitMqConnection connection, string queue, ushort prefetch, Func<CancellationToken, Task>? prepare,
        Func<IChannel, BasicDeliverEventArgs, Task> onMessage, ILogger logger)
    {
        _connection = connection;
        _queue = queue;
        _prefetch = prefetch;
        _prepare = prepare;
        _onMessage = onMessage;
        _logger = logger;
    }

    /// <summary>Completes after the first subscription attempt, whether it worked or not.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    public bool IsConsuming { get; private set; }

    public void Start()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>Retry a failed subscription now (an edge just sent a request: the core is about to create its queue).</summary>
    public void Wake()
    {
        if (!IsConsuming)
        {
            Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = new Backoff(FirstRetryDelay, MaxRetryDelay);
        var waitingLogged = false;
        var failureLogged = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Task;
            IChannel? channel = null;
            try
            {
                await _connection.WaitReadyAsync(cancellationToken);
                if (_prepare is not null)
                {
                    await _prepare(cancellationToken);
                }

                channel = await _connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken);
                _channel = channel;
                await channel.BasicQosAsync(0, _prefetch, false, cancellationToken);

                var stopped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var consumer = new Consumer(channel, () => stopped.TrySetResult("the broker cancelled the subscription"));
                var deliveries = channel;
                consumer.ReceivedAsync += (_, delivery) => _onMessage(deliveries, delivery);
                channel.ChannelShutdownAsync += (_, args) =>
                {
                    stopped.TrySetResult($"{args.ReplyCode} {args.ReplyText}");
                    return Task.CompletedTask;
                };

                _consumerTag = await channel.BasicConsumeAsync(_queue, autoAck: false, consumer, cancellationToken);
                IsConsuming = true;
                RabbitMqLog.Consuming(_logger, _connection.Client, _queue);
                waitingLogged = failureLogged = false;
                delay.Reset();
                _firstAttempt.TrySetResult();

                while (true)
                {
                    var reason = await stopped.Task.WaitAsync(cancellationToken);
                    if (channel.IsOpen)
                    {
                        // The broker cancelled the subscription (queue deleted) but the channel lives: subscribe again.
                        RabbitMqLog.ConsumerStopped(_logger, _connection.Client, _queue, reason);
                        break;
                    }

                    // The channel closed. With the connection, RabbitMQ.Client restores channel and consumer before it
                    // reports the recovery; a channel the broker closed by itself (or one whose consumer could not be
                    // restored: that closes it again) stays closed.
                    IsConsuming = false;
                    stopped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                    await _connection.WaitReadyAsync(cancellationToken);
                    if (!channel.IsOpen)
                    {
                        RabbitMqLog.ConsumerStopped(_logger, _connection.Client, _queue, reason);
                        break;
                    }

                    IsConsuming = true;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // The channel stays open for the acknowledgements of messages still being handled.
            }
            catch (BrokerUnavailableException)
            {
                // The connection went away meanwhile; wait for it at the top of the loop.
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                if (!waitingLogged)
                {
                    RabbitMqLog.WaitingForQueue(_logger, _connection.Client, _queue);
                    waitingLogged = true;
                }
            }
            catch (Exception e)
            {
                if (!failureLogged)
                {
                    RabbitMqLog.ConsumeFailed(_logger, _connection.Client, _queue, e.Message);
                    failureLogged = true;
                }
            }

            IsConsuming = false;
            _firstAttempt.TrySetResult();
            if (channel is not null)
            {
                if (ReferenceEquals(_channel, channel))
                {
                    _channel = null;
                }

                await SharedChannel.DisposeQuietlyAsync(channel);
            }

            try
            {
                if (!_connection.IsReady)
                {
                    continue; // Waits for the connection at the top, no back-off needed.
                }

                if (await Task.WhenAny(wake, Task.Delay(delay.Current, cancellationToken)) == wake)
                {
                    delay.Reset();
                }
                else
                {
                    delay.Failed();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Stops the subscription (no new messages); the channel stays open for the acknowledgements of those being handled.</summary>
    public async Task StopReceivingAsync()
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

        IsConsuming = false;
        if (_channel is { IsOpen: true } channel && _consumerTag is { } tag)
        {
            try
            {
                await channel.BasicCancelAsync(tag, false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
                // The channel closes next anyway.
            }
        }
    }

    /// <summary>Tells apart the broker's cancellation (queue deleted) from the end of the channel, which recovery may undo.</summary>
    private sealed class Consumer(IChannel channel, Action cancelledByBroker) : AsyncEventingBasicConsumer(channel)
    {
        public override async Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
        {
            await base.HandleBasicCancelAsync(consumerTag, cancellationToken);
            cancelledByBroker();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopReceivingAsync();
        if (_channel is { } channel)
        {
            _channel = null;
            await SharedChannel.DisposeQuietlyAsync(channel);
        }

        _firstAttempt.TrySetResult();
    }
}
