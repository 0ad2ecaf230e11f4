using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Parley.Server.Contracts;
using Parley.Server.Telemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// The core's end over RabbitMQ (see <see cref="RabbitMqTopology"/> for the queues, <see cref="RabbitMqWire"/> for
/// the messages, <see cref="RabbitMqConnection"/> for reconnection and TLS). The core connects out to the broker,
/// declares the topology and takes requests from <c>parley.core</c>:
/// <list type="number">
/// <item>manual acknowledgements, prefetch 32; requests of one conversation run one after the other in delivery
/// order, those of different conversations in parallel;</item>
/// <item>each request runs the handler with <see cref="RequestOrigin"/>(edge, message id); its answer (or
/// <see cref="CoreException"/>; any other exception is logged and answered Unavailable) goes to the edge's queue,
/// persistent and confirmed by the broker, and only then is the request acknowledged: a customer's message is
/// acknowledged to the customer once the core has stored it and the answer is safe in the broker;</item>
/// <item>a request that cannot be read is logged and dropped (rejected without requeue), never redelivered forever;</item>
/// <item>the answers of the last <see cref="CompletedCapacity"/> requests that change something are kept by message id:
/// a redelivery (the core lost its connection before acknowledging) is answered again without running the handler
/// twice in this process (handlers are idempotent besides, for redeliveries to another core).</item>
/// </list>
/// </summary>
public sealed class RabbitMqCoreTransport : ICoreTransport
{
    internal const int CompletedCapacity = 10_000;
    private const ushort Prefetch = 32;
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly RabbitMqOptions _options;
    private readonly RabbitMqTopology _topology;
    private readonly ILogger _logger;
    private readonly RabbitMqConnection _connection;
    private readonly SharedChannel _publisher;
    private readonly SharedChannel _declarer;
    private readonly QueueConsumer _consumer;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _edgeQueues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _running = new(StringComparer.Ordinal);
    private readonly CompletedRequests _completed = new(CompletedCapacity);
    private readonly ConversationScheduler _scheduler = new();
    private readonly ConcurrentDictionary<Task, byte> _work = new();
    private readonly CancellationTokenSource _aborting = new();
    private ICoreRequestHandler? _handler;
    private int _disposed;

    public RabbitMqCoreTransport(RabbitMqOptions options, ILoggerFactory loggers)
        : this(options, RabbitMqTopology.Default, loggers)
    {
    }

    internal RabbitMqCoreTransport(RabbitMqOptions options, RabbitMqTopology topology, ILoggerFactory loggers)
    {
        _options = options;
        _topology = topology;
        _logger = loggers.CreateLogger<RabbitMqCoreTransport>();
        _connection = new RabbitMqConnection(options, "core", _logger);
        _publisher = new SharedChannel(_connection, new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        _declarer = new SharedChannel(_connection, new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false));
        _consumer = new QueueConsumer(_connection, topology.CoreQueue, Prefetch, DeclareTopologyAsync, OnRequestAsync, _logger);
    }

    /// <summary>Connects (in the background when the broker is down: this never fails for that) and starts taking requests.</summary>
    public async Task StartAsync(ICoreRequestHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.CompareExchange(ref _handler, handler, null) is not null)
        {
            throw new InvalidOperationException("The core transport is started already.");
        }

        _connection.Start();
        _consumer.Start();
        await _connection.FirstAttempt.WaitAsync(cancellationToken);
        if (_connection.IsReady)
        {
            await Task.WhenAny(_consumer.FirstAttempt, Task.Delay(_options.RequestTimeout, cancellationToken));
        }
    }

    /// <summary>Publishes the event to the edge's queue (persistent, confirmed, at most a few seconds); failures are logged.</summary>
    public async Task SendAsync(string edge, EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edgeEvent);
        var eventType = edgeEvent.GetType().Name;
        if (!_connection.IsReady)
        {
            RabbitMqLog.EventDropped(_logger, eventType, edge); // the outage itself is logged once, as a warning
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(edgeEvent, TransportJson.Options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _aborting.Token);
        timeout.CancelAfter(EventTimeout);
        try
        {
            var channel = await _publisher.GetAsync(timeout.Token);
            var properties = new BasicProperties
            {
                Persistent = true,
                Type = RabbitMqWire.Event,
                ContentType = RabbitMqWire.ContentType,
                MessageId = Guid.NewGuid().ToString("N"),
            };
            ParleyTelemetry.Inject(null, properties, static (p, key, value) => (p.Headers ??= new Dictionary<string, object?>())[key] = value);
            await channel.BasicPublishAsync(_topology.EdgesExchange, edge, mandatory: false, properties, body, timeout.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            RabbitMqLog.EventNotSent(_logger, eventType, edge, e is OperationCanceledException ? "the broker did not confirm in time" : e.Message);
        }
    }

    private async Task DeclareTopologyAsync(CancellationToken cancellationToken)
    {
        var channel = await _declarer.GetAsync(cancellationToken);
        await _topology.DeclareCoreAsync(channel, cancellationToken);
    }

    /// <summary>Called for each delivery, in queue order: checks and reads it, then hands it to the scheduler and returns.</summary>
    private async Task OnRequestAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var properties = delivery.BasicProperties;
        var messageId = properties.MessageId;
        var edge = properties.ReplyTo;
        if (string.IsNullOrEmpty(messageId) || edge is null || !EdgeNameRule.IsValid(edge))
        {
            RabbitMqLog.MalformedRequest(_logger, messageId, edge, "no message id, or no valid edge name in reply-to");
            await RejectAsync(channel, delivery.DeliveryTag);
            return;
        }

        if (!RabbitMqWire.MaySpeakFor(properties.UserId, edge))
        {
            RabbitMqLog.ImpersonationRefused(_logger, messageId, properties.UserId!, edge);
            await RejectAsync(channel, delivery.DeliveryTag);
            return;
        }

        var request = new Delivery(channel, delivery.DeliveryTag, messageId, properties.CorrelationId ?? messageId, edge,
            ParleyTelemetry.Extract(properties, RabbitMqEdgeTransport.ReadHeader));
        if (_completed.TryGet(messageId, out var answered))
        {
            RabbitMqLog.DuplicateRequest(_logger, messageId, edge);
            Track(Task.Run(() => AnswerAndAckAsync(request, answered)));
            return;
        }

        CoreRequest? coreRequest;
        try
        {
            coreRequest = JsonSerializer.Deserialize<CoreRequest>(delivery.Body.Span, TransportJson.Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            RabbitMqLog.MalformedRequest(_logger, messageId, edge, e.Message);
            await RejectAsync(channel, delivery.DeliveryTag);
            return;
        }

        if (coreRequest is null)
        {
            RabbitMqLog.MalformedRequest(_logger, messageId, edge, "empty body");
            await RejectAsync(channel, delivery.DeliveryTag);
            return;
        }

        Track(_scheduler.Run((coreRequest as IConversationRequest)?.ConversationId, () => ProcessAsync(request, coreRequest)));
    }

    private async Task ProcessAsync(Delivery delivery, CoreRequest request)
    {
        // A redelivery while the first delivery still runs (the connection dropped meanwhile) waits for that one.
        var running = _running.GetOrAdd(delivery.MessageId, id => new Lazy<Task<byte[]>>(() => RunHandlerAsync(delivery, request)));
        byte[] answer;
        try
        {
            answer = await running.Value;
        }
        catch (OperationCanceledException) when (_aborting.IsCancellationRequested)
        {
            return; // Not acknowledged: the broker gives the request to the next core.
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]>>>(delivery.MessageId, running));
        }

        await AnswerAndAckAsync(delivery, answer);
    }

    private async Task<byte[]> RunHandlerAsync(Delivery delivery, CoreRequest request)
    {
        if (_completed.TryGet(delivery.MessageId, out var answered))
        {
            return answered;
        }

        var keep = request is not IExpiringRequest; // reads are cheap to run again; keep what changed something
        byte[] answer;
        using var activity = TransportTracing.StartHandling(request, delivery.Sender);
        try
        {
            var value = await _handler!.HandleAsync(request, new RequestOrigin(delivery.Edge, delivery.MessageId), _aborting.Token);
            answer = RabbitMqWire.Success(request, value);
        }
        catch (CoreException e)
        {
            answer = RabbitMqWire.Failure(e.Failure);
        }
        catch (OperationCanceledException) when (_aborting.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            RabbitMqLog.HandlerFailed(_logger, delivery.MessageId, request.GetType().Name, delivery.Edge, e);
            TransportTracing.Failed(activity, e.Message);
            answer = RabbitMqWire.Failure(new CoreFailure(CoreError.Unavailable, CoreResult.UnavailableDetail));
            keep = false;
        }

        if (keep)
        {
            _completed.Add(delivery.MessageId, answer);
        }

        return answer;
    }

    /// <summary>Answer to the edge's queue (confirmed), then acknowledge the request; on failure the request is delivered again.</summary>
    private async Task AnswerAndAckAsync(Delivery delivery, byte[] answer)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_aborting.Token);
        timeout.CancelAfter(ReplyTimeout);
        try
        {
            await EnsureEdgeQueueAsync(delivery.Edge, timeout.Token);
            try
            {
                await PublishAnswerAsync(delivery, answer, timeout.Token);
            }
            catch (PublishException e) when (e.IsReturn)
            {
                // The edge's queue is gone (expired while the edge was away, or deleted): declare it again.
                _edgeQueues.TryRemove(delivery.Edge, out _);
                await EnsureEdgeQueueAsync(delivery.Edge, timeout.Token);
                await PublishAnswerAsync(delivery, answer, timeout.Token);
            }

            await delivery.Channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_aborting.IsCancellationRequested)
        {
            RabbitMqLog.ReplyFailed(_logger, delivery.MessageId, delivery.Edge, e is OperationCanceledException ? "the broker did not confirm in time" : e.Message);
            if (delivery.Channel.IsOpen)
            {
                try
                {
                    await delivery.Channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                }
                catch (Exception)
                {
                    // The channel closed meanwhile: the broker redelivers the request anyway.
                }
            }
        }
    }

    private async Task PublishAnswerAsync(Delivery delivery, byte[] answer, CancellationToken cancellationToken)
    {
        var channel = await _publisher.GetAsync(cancellationToken);
        var properties = new BasicProperties
        {
            Persistent = true,
            Type = RabbitMqWire.Reply,
            ContentType = RabbitMqWire.ContentType,
            MessageId = Guid.NewGuid().ToString("N"),
            CorrelationId = delivery.CorrelationId,
        };
        await channel.BasicPublishAsync(_topology.EdgesExchange, delivery.Edge, mandatory: true, properties, answer, cancellationToken);
    }

    /// <summary>The edge's queue and binding, declared once per edge (and again when an answer to it was unroutable).</summary>
    private async Task EnsureEdgeQueueAsync(string edge, CancellationToken cancellationToken)
    {
        var declared = _edgeQueues.GetOrAdd(edge, name => new Lazy<Task>(() => DeclareEdgeQueueAsync(name)));
        try
        {
            await declared.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            _edgeQueues.TryRemove(new KeyValuePair<string, Lazy<Task>>(edge, declared));
            throw;
        }
    }

    private async Task DeclareEdgeQueueAsync(string edge)
    {
        var channel = await _declarer.GetAsync(_aborting.Token);
        await _topology.DeclareEdgeAsync(channel, edge, _aborting.Token);
        RabbitMqLog.EdgeQueueDeclared(_logger, _topology.EdgeQueue(edge), edge);
    }

    private static async Task RejectAsync(IChannel channel, ulong deliveryTag)
    {
        try
        {
            await channel.BasicRejectAsync(deliveryTag, requeue: false, CancellationToken.None);
        }
        catch (Exception)
        {
            // The channel closed meanwhile; the message comes back and is rejected then.
        }
    }

    private void Track(Task work)
    {
        _work.TryAdd(work, 0);
        _ = work.ContinueWith(done => _work.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Stops taking requests, lets the running ones finish for a few seconds (unfinished ones go back to the broker), then disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _consumer.StopReceivingAsync();
        var running = _work.Keys.ToArray();
        if (running.Length > 0)
        {
            try
            {
                await Task.WhenAll(running).WaitAsync(ShutdownGrace);
            }
            catch (TimeoutException)
            {
                RabbitMqLog.AbandonedRequests(_logger, _work.Count);
            }
            catch (Exception)
            {
                // Each request logs its own failure.
            }
        }

        await _aborting.CancelAsync();
        await _consumer.DisposeAsync();
        await _publisher.DisposeAsync();
        await _declarer.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <param name="Sender">The trace context of the edge's request span (from the message's headers).</param>
    private sealed record Delivery(IChannel Channel, ulong DeliveryTag, string MessageId, string CorrelationId, string Edge, ActivityContext Sender);
}
