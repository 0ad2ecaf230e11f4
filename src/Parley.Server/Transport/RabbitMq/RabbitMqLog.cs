namespace Parley.Server.Transport.RabbitMq;

/// <summary>The RabbitMQ transport's log messages: event ids 6000–6099, stable (operators alert on them).</summary>
internal static partial class RabbitMqLog
{
    // 6000–6009: the connection.
    [LoggerMessage(6000, LogLevel.Warning, "RabbitMQ ({Client}): cannot connect to {Endpoint}: {Reason}. Retrying in the background; until then requests are answered Unavailable.")]
    public static partial void ConnectFailed(ILogger logger, string client, string endpoint, string reason);

    [LoggerMessage(6001, LogLevel.Debug, "RabbitMQ ({Client}): still cannot connect to {Endpoint}: {Reason}; next attempt in {Delay}.")]
    public static partial void ConnectRetryFailed(ILogger logger, string client, string endpoint, string reason, TimeSpan delay);

    [LoggerMessage(6002, LogLevel.Information, "RabbitMQ ({Client}): connected to {Endpoint} as {User}.")]
    public static partial void Connected(ILogger logger, string client, string endpoint, string user);

    [LoggerMessage(6003, LogLevel.Warning, "RabbitMQ ({Client}): connection lost ({Code} {Reason}); reconnecting in the background.")]
    public static partial void ConnectionLost(ILogger logger, string client, ushort code, string reason);

    [LoggerMessage(6004, LogLevel.Information, "RabbitMQ ({Client}): reconnected.")]
    public static partial void Reconnected(ILogger logger, string client);

    [LoggerMessage(6005, LogLevel.Debug, "RabbitMQ ({Client}): a reconnection attempt failed.")]
    public static partial void RecoveryAttemptFailed(ILogger logger, string client, Exception exception);

    [LoggerMessage(6006, LogLevel.Warning, "RabbitMQ ({Client}): the broker refused the connection ({Code} {Reason}); connecting again from scratch.")]
    public static partial void ConnectionRefused(ILogger logger, string client, ushort code, string reason);

    // 6010–6019: consuming.
    [LoggerMessage(6010, LogLevel.Information, "RabbitMQ ({Client}): receiving from queue {Queue}.")]
    public static partial void Consuming(ILogger logger, string client, string queue);

    [LoggerMessage(6011, LogLevel.Information, "RabbitMQ ({Client}): queue {Queue} does not exist yet (the core creates it when it first hears from this edge); retrying.")]
    public static partial void WaitingForQueue(ILogger logger, string client, string queue);

    [LoggerMessage(6012, LogLevel.Warning, "RabbitMQ ({Client}): cannot receive from queue {Queue}: {Reason}; retrying.")]
    public static partial void ConsumeFailed(ILogger logger, string client, string queue, string reason);

    [LoggerMessage(6013, LogLevel.Warning, "RabbitMQ ({Client}): stopped receiving from queue {Queue} ({Reason}); subscribing again.")]
    public static partial void ConsumerStopped(ILogger logger, string client, string queue, string reason);

    // 6020–6039: the core.
    [LoggerMessage(6020, LogLevel.Warning, "RabbitMQ (core): dropping a malformed request {MessageId} from edge {Edge}: {Reason}")]
    public static partial void MalformedRequest(ILogger logger, string? messageId, string? edge, string reason);

    [LoggerMessage(6021, LogLevel.Warning, "RabbitMQ (core): refusing request {MessageId}: broker user {UserId} may not speak for edge {Edge}.")]
    public static partial void ImpersonationRefused(ILogger logger, string messageId, string userId, string edge);

    [LoggerMessage(6022, LogLevel.Error, "RabbitMQ (core): request {MessageId} ({RequestType}) from edge {Edge} failed; answered Unavailable.")]
    public static partial void HandlerFailed(ILogger logger, string messageId, string requestType, string edge, Exception exception);

    [LoggerMessage(6023, LogLevel.Warning, "RabbitMQ (core): could not deliver the answer to request {MessageId} to edge {Edge}: {Reason}; the request is delivered again.")]
    public static partial void ReplyFailed(ILogger logger, string messageId, string edge, string reason);

    [LoggerMessage(6024, LogLevel.Debug, "RabbitMQ (core): request {MessageId} from edge {Edge} was answered already; sending the same answer again.")]
    public static partial void DuplicateRequest(ILogger logger, string messageId, string edge);

    [LoggerMessage(6025, LogLevel.Information, "RabbitMQ (core): declared queue {Queue} for edge {Edge}.")]
    public static partial void EdgeQueueDeclared(ILogger logger, string queue, string edge);

    [LoggerMessage(6026, LogLevel.Warning, "RabbitMQ (core): could not send {EventType} to edge {Edge}: {Reason}")]
    public static partial void EventNotSent(ILogger logger, string eventType, string edge, string reason);

    [LoggerMessage(6028, LogLevel.Debug, "RabbitMQ (core): {EventType} for edge {Edge} dropped: not connected to the broker.")]
    public static partial void EventDropped(ILogger logger, string eventType, string edge);

    [LoggerMessage(6027, LogLevel.Warning, "RabbitMQ (core): {Count} request(s) were still running when the transport closed; the broker gives them to the next core.")]
    public static partial void AbandonedRequests(ILogger logger, int count);

    // 6040–6059: the edge.
    [LoggerMessage(6040, LogLevel.Warning, "RabbitMQ (edge {Edge}): no answer to request {MessageId} ({RequestType}) within {Timeout}; answered Unavailable.")]
    public static partial void RequestTimedOut(ILogger logger, string edge, string messageId, string requestType, TimeSpan timeout);

    [LoggerMessage(6041, LogLevel.Debug, "RabbitMQ (edge {Edge}): request ({RequestType}) answered Unavailable: {Reason}")]
    public static partial void RequestUnavailable(ILogger logger, string edge, string requestType, string reason);

    [LoggerMessage(6042, LogLevel.Debug, "RabbitMQ (edge {Edge}): an answer to {CorrelationId} arrived after its request gave up.")]
    public static partial void LateReply(ILogger logger, string edge, string? correlationId);

    [LoggerMessage(6043, LogLevel.Warning, "RabbitMQ (edge {Edge}): dropping a malformed message ({MessageType}): {Reason}")]
    public static partial void MalformedMessage(ILogger logger, string edge, string? messageType, string reason);

    [LoggerMessage(6044, LogLevel.Warning, "RabbitMQ (edge {Edge}): delivering {EventType} to the customers failed.")]
    public static partial void EventHandlerFailed(ILogger logger, string edge, string eventType, Exception exception);

    [LoggerMessage(6045, LogLevel.Debug, "RabbitMQ (edge {Edge}): {EventType} arrived before the edge started; dropped.")]
    public static partial void EventBeforeStart(ILogger logger, string edge, string eventType);
}
