using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Routing;

namespace Parley.Server.Queues;

/// <summary>A queue's strategy in JSON: its name (<see cref="QueueStrategies"/>); null or empty is the default.</summary>
public sealed class QueueStrategyJsonConverter : JsonConverter<RoutingStrategy>
{
    public override bool HandleNull => true;

    public override RoutingStrategy Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => QueueStrategies.Read(reader.GetString()),
            JsonTokenType.Null => RoutingStrategy.LongestIdle,
            _ => throw new JsonException("A strategy is a name such as \"longestIdle\"."),
        };

    public override void Write(Utf8JsonWriter writer, RoutingStrategy value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(QueueStrategies.Format(value));
    }
}
