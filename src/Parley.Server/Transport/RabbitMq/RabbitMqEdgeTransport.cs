using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Server.Contracts;
using Parley.Server.Telemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// An edge's end over RabbitMQ. The edge connects out to the broker and declares nothing (its user may not):
/// it publishes requests to <c>parley.inbound</c> (persistent, confirmed by the broker) and reads its own queue
/// <c>parley.edge.NAME</c>, which the core creates when it first hears from this edge; until then it retries the
/// subscription with back-off. Every transport problem (broker down, publish not confirmed, no answer within
/// <see cref="RabbitMqOptions.RequestTimeout"/>, connection lost while waiting) is answered
/// <see cref="CoreError.Unavailable"/>, never thrown; a pending request is always finished and forgotten.
/// </summary>
public sealed class RabbitMqEdgeTransport : IEdgeTransport
{
    private const ushort Prefetch = 64;

    private readonly RabbitMqOptions _options;
    private readonly RabbitMqTopology _topology;
    private readonly ILogger _logger;
    private readonly RabbitMqConnection _connection;
    private readonly SharedChannel _publisher;
    private readonly QueueConsumer _consumer;
    private readonly RabbitMqMetrics _metrics;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]?>> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private volatile IEdgeEventHandler? _handler;
    private int _disposed;

    public RabbitMqEdgeTransport(RabbitMqOptions options, string edgeName, ILoggerFactory loggers, IMeterFactory? meters = null)
        : this(options, edgeName, RabbitMqTopology.Default, loggers, meters)
    {
    }

    internal RabbitMqEdgeTransport(RabbitMqOptions options, string edgeName, RabbitMqTopology topology, ILoggerFactory loggers, IMeterFactory? meters = null)
    {
        if (edgeName is null || !EdgeNameRule.IsValid(edgeName))
        {
            throw new ArgumentException($"An edge name is {EdgeNameRule.Description}.", nameof(edgeName));
        }

        EdgeName = edgeName;
        _options = options;
        _topology = topology;
        _logger = loggers.CreateLogger<RabbitMqEdgeTransport>();
        _metrics = new RabbitMqMetrics(meters);
        _connection = new RabbitMqConnection(options, "edge " + edgeName, _logger);
        _connection.Lost += FailPending;
        _publisher = new SharedChannel(_connection, new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        _consumer = new QueueConsumer(_connection, topology.EdgeQueue(edgeName), Prefetch, prepare: null, OnMessageAsync, _logger);
    }

    public string EdgeName { get; }

    /// <summary>Connects and subscribes to this edge's queue; returns once receiving, or once the first attempt failed (retries go on in the background).</summary>
    public async Task StartAsync(IEdgeEventHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _handler = handler;
        Connect();
        await _connection.FirstAttempt.WaitAsync(cancellationToken);
        if (_connection.IsReady)
        {
            await Task.WhenAny(_consumer.FirstAttempt, Task.Delay(_options.RequestTimeout, cancellationToken));
        }
    }

    public async Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken)
    {
        var coreRequest = request as CoreRequest ?? throw new ArgumentException("Requests derive from CoreRequest.", nameof(request));
        using var activity = TransportTracing.StartRequest(coreRequest);
        var started = Stopwatch.GetTimestamp();
        var result = await SendAsync<TReply>(coreRequest, activity, cancellationToken);
        var answered = result.Failure is not { Error: CoreError.Unavailable };
        _metrics.RoundTrip(coreRequest.GetType().Name, answered, Stopwatch.GetElapsedTime(started));
        if (!answered)
        {
            TransportTracing.Failed(activity, CoreResult.UnavailableDetail);
        }

        return result;
    }

    private async Task<CoreResult<TReply>> SendAsync<TReply>(CoreRequest coreRequest, Activity? activity, CancellationToken cancellationToken)
    {
        var requestType = coreRequest.GetType().Name;
        if (Volatile.Read(ref _disposed) != 0)
        {
            return Unavailable<TReply>(requestType, "the transport is closed");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(coreRequest, TransportJson.Options);
        Connect();

        var timeout = _options.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        deadline.CancelAfter(timeout);
        var messageId = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            // Right after start-up the first connection attempt may still be under way; after that, no waiting.
            await _connection.FirstAttempt.WaitAsync(deadline.Token);
            if (!_connection.IsReady)
            {
                return Unavailable<TReply>(requestType, "not connected to the broker");
            }

            _pending[messageId] = answer;
            var properties = new BasicProperties
            {
                Persistent = true,
                Type = RabbitMqWire.Request,
                ContentType = RabbitMqWire.ContentType,
                MessageId = messageId,
                CorrelationId = messageId,
                ReplyTo = EdgeName,
                UserId = _connection.UserId,
                Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
                Expiration = coreRequest is IExpiringRequest
                    ? ((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)
                    : null,
            };
            ParleyTelemetry.Inject(activity, properties, static (p, key, value) => (p.Headers ??= new Dictionary<string, object?>())[key] = value);
            var channel = await _publisher.GetAsync(deadline.Token);
            await channel.BasicPublishAsync(_topology.InboundExchange, RabbitMqTopology.RequestRoutingKey, mandatory: true, properties, body, deadline.Token);
            _consumer.Wake(); // the core is about to create this edge's queue if it did not exist

            var reply = await answer.Task.WaitAsync(deadline.Token);
            if (reply is null)
            {
                return Unavailable<TReply>(requestType, "the connection to the broker was lost");
            }

            try
            {
                return JsonSerializer.Deserialize<CoreResult<TReply>>(reply, TransportJson.Options)
                    ?? Unavailable<TReply>(requestType, "an empty answer");
            }
            catch (JsonException e)
            {
                RabbitMqLog.MalformedMessage(_logger, EdgeName, RabbitMqWire.Reply, e.Message);
                return Unavailable<TReply>(requestType, "an unreadable answer");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            if (_pending.ContainsKey(messageId) && !_stopping.IsCancellationRequested)
            {
                RabbitMqLog.RequestTimedOut(_logger, EdgeName, messageId, requestType, timeout);
            }

            return CoreResult.Fail<TReply>(CoreError.Unavailable, CoreResult.UnavailableDetail);
        }
        catch (Exception e)
        {
            // Broker down, channel closed, publish refused or unroutable (no core has ever declared the topology).
            return Unavailable<TReply>(requestType, e.Message);
        }
        finally
        {
            _pending.TryRemove(messageId, out _);
        }
    }

    private CoreResult<TReply> Unavailable<TReply>(string requestType, string reason)
    {
        RabbitMqLog.RequestUnavailable(_logger, EdgeName, requestType, reason);
        return CoreResult.Fail<TReply>(CoreError.Unavailable, CoreResult.UnavailableDetail);
    }

    private void Connect()
    {
        _connection.Start();
        _consumer.Start();
    }

    /// <summary>Answers and events, one at a time in queue order; each is acknowledged once handled.</summary>
    private async Task OnMessageAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var properties = delivery.BasicProperties;
        switch (properties.Type)
        {
            case RabbitMqWire.Reply:
                if (properties.CorrelationId is { } correlationId && _pending.TryRemove(correlationId, out var waiting))
                {
                    waiting.TrySetResult(delivery.Body.ToArray());
                }
                else
                {
                    RabbitMqLog.LateReply(_logger, EdgeName, properties.CorrelationId);
                }

                break;

            case RabbitMqWire.Event:
                EdgeEvent? edgeEvent = null;
                try
                {
                    edgeEvent = JsonSerializer.Deserialize<EdgeEvent>(delivery.Body.Span, TransportJson.Options);
                }
                catch (Exception e) when (e is JsonException or NotSupportedException)
                {
                    RabbitMqLog.MalformedMessage(_logger, EdgeName, properties.Type, e.Message);
                }

                if (edgeEvent is not null)
                {
                    using var traced = TransportTracing.StartEvent(edgeEvent, ParleyTelemetry.Extract(properties, ReadHeader));
                    await DeliverAsync(edgeEvent);
                }

                break;

            default:
                RabbitMqLog.MalformedMessage(_logger, EdgeName, properties.Type, "neither an answer nor an event");
                break;
        }

        if (_stopping.IsCancellationRequested)
        {
            return; // Not acknowledged: it stays in the queue for the next start.
        }

        try
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }
        catch (Exception)
        {
            // The channel closed meanwhile: the broker delivers the message again.
        }
    }

    private async Task DeliverAsync(EdgeEvent edgeEvent)
    {
        if (_handler is not { } handler)
        {
            RabbitMqLog.EventBeforeStart(_logger, EdgeName, edgeEvent.GetType().Name);
            return;
        }

        try
        {
            await handler.HandleAsync(edgeEvent, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Closing.
        }
        catch (Exception e)
        {
            RabbitMqLog.EventHandlerFailed(_logger, EdgeName, edgeEvent.GetType().Name, e);
        }
    }

    /// <summary>A header as the broker delivers it (strings arrive as bytes).</summary>
    internal static IEnumerable<string>? ReadHeader(IReadOnlyBasicProperties properties, string key) =>
        properties.Headers?.TryGetValue(key, out var value) == true && value is byte[] bytes ? [Encoding.UTF8.GetString(bytes)] : null;

    /// <summary>No answer can come over a lost connection: the waiting requests answer Unavailable now (the customer retries).</summary>
    private void FailPending()
    {
        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetResult(null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        FailPending();
        await _consumer.DisposeAsync();
        await _publisher.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
