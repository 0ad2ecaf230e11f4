using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Parley.Server.Calendars;

/// <summary>A time of day in JSON: <c>"HH:mm"</c> (24-hour clock, minutes only: opening hours need no seconds).</summary>
public sealed class LocalTimeJsonConverter : JsonConverter<LocalTime>
{
    public static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public override LocalTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Pattern.Parse(reader.GetString() ?? "") is { Success: true } parsed
            ? parsed.Value
            : throw new JsonException("A time is \"HH:mm\" on a 24-hour clock, such as \"09:00\" or \"17:30\".");

    public override void Write(Utf8JsonWriter writer, LocalTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Pattern.Format(value));
    }
}
