using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Parley.Server.Contracts;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// What travels on the broker. Bodies are <see cref="TransportJson"/>; the AMQP properties say the rest:
/// <list type="bullet">
/// <item>request (edge → <c>parley.inbound</c>): type <c>request</c>, persistent, message-id = correlation-id (a new
/// GUID per request), reply-to = the edge's name (the routing key of its answers), user-id = the edge's broker user
/// (RabbitMQ refuses a message whose user-id is not the connection's user), expiration = the request time-out for
/// <see cref="IExpiringRequest"/>s, none for the others.</item>
/// <item>answer (core → <c>parley.edges</c>, routing key = edge): type <c>reply</c>, persistent, the request's
/// correlation-id; body a <see cref="CoreResult{T}"/> of the request's answer type.</item>
/// <item>event (core → <c>parley.edges</c>, routing key = edge): type <c>event</c>, persistent; body an <see cref="EdgeEvent"/>.</item>
/// </list>
/// </summary>
internal static class RabbitMqWire
{
    public const string Request = "request";
    public const string Reply = "reply";
    public const string Event = "event";
    public const string ContentType = "application/json";

    /// <summary>The user names of scripts/rabbitmq-setup: <c>parley-edge-NAME</c>.</summary>
    public const string EdgeUserPrefix = "parley-edge-";

    private static readonly ConcurrentDictionary<Type, Type?> ReplyTypes = new();
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode(TransportJson.Options.PropertyNamingPolicy?.ConvertName("Value") ?? "Value");
    private static readonly JsonEncodedText FailureName = JsonEncodedText.Encode(TransportJson.Options.PropertyNamingPolicy?.ConvertName("Failure") ?? "Failure");

    /// <summary>
    /// May a message with this (broker-checked) user-id speak for this edge? A <c>parley-edge-X</c> user only for
    /// edge X; other users (a shared account, certificates) are not checked.
    /// </summary>
    public static bool MaySpeakFor(string? userId, string edge) =>
        userId is null || !userId.StartsWith(EdgeUserPrefix, StringComparison.Ordinal) || userId.AsSpan(EdgeUserPrefix.Length).SequenceEqual(edge);

    /// <summary>The <c>TReply</c> of the request's <see cref="ICoreRequest{TReply}"/>.</summary>
    public static Type? ReplyTypeOf(Type requestType) =>
        ReplyTypes.GetOrAdd(requestType, static type => type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICoreRequest<>))?.GetGenericArguments()[0]);

    /// <summary>A successful <see cref="CoreResult{T}"/> with T the request's answer type, as the edge reads it.</summary>
    public static byte[] Success(CoreRequest request, object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(ValueName);
            JsonSerializer.Serialize(writer, value, ReplyTypeOf(request.GetType()) ?? value?.GetType() ?? typeof(object), TransportJson.Options);
            writer.WriteNull(FailureName);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The failure as the core threw it (kind, sentence and any field errors): both transports carry it whole.</summary>
    public static byte[] Failure(CoreFailure failure) =>
        JsonSerializer.SerializeToUtf8Bytes(new CoreResult<object>(null, failure), TransportJson.Options);
}
