using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Calendars;

/// <summary>A day of the week in JSON: its English name in camelCase (<c>"monday"</c>), read ignoring case; never a number.</summary>
public sealed class DayOfWeekJsonConverter : JsonConverter<DayOfWeek>
{
    public override DayOfWeek Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && Enum.TryParse<DayOfWeek>(reader.GetString(), ignoreCase: true, out var day)
        && Enum.IsDefined(day) && !char.IsAsciiDigit(reader.GetString()![0])
            ? day
            : throw new JsonException("A day is a name such as \"monday\".");

    public override void Write(Utf8JsonWriter writer, DayOfWeek value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    public static string Format(DayOfWeek day) => JsonNamingPolicy.CamelCase.ConvertName(day.ToString());
}
