using System.Text.Json;
using Parley.Server.Calendars;

namespace Parley.Server.Tests.Calendars;

/// <summary>The calendar's JSON wire shape, as docs/workflows.md shows it.</summary>
public sealed class CalendarJsonTests
{
    private const string Json = """
        {
          "name": "office",
          "timeZone": "Europe/Amsterdam",
          "weekly": [{ "day": "monday", "open": "09:00", "close": "17:30" }, { "day": "friday", "open": "22:00", "close": "06:00" }],
          "exceptions": [{ "from": "2026-12-24", "to": "2026-12-24", "reason": "Christmas Eve", "hours": [{ "open": "09:00", "close": "13:00" }] }],
          "holidays": [{ "date": "2026-12-25", "name": "Christmas Day" }]
        }
        """;

    [Fact]
    public void A_definition_reads_and_writes_days_times_and_dates_by_name()
    {
        var definition = JsonSerializer.Deserialize<CalendarDefinition>(Json, JsonSerializerOptions.Web)!;

        Assert.Equal(new WeeklyHours(DayOfWeek.Friday, new(22, 0), new(6, 0)), definition.Weekly[1]);
        Assert.Equal(new DateOnly(2026, 12, 24), definition.Exceptions[0].From);
        Assert.Equal("Christmas Day", definition.Holidays[0].Name);
        Assert.True(JsonElement.DeepEquals(
            JsonSerializer.Deserialize<JsonElement>(Json),
            JsonSerializer.SerializeToElement(definition, JsonSerializerOptions.Web)));
    }

    [Fact]
    public void A_definition_crosses_the_transport_to_an_edge_unchanged()
    {
        var definition = JsonSerializer.Deserialize<CalendarDefinition>(Json, JsonSerializerOptions.Web)!;

        var wire = JsonSerializer.SerializeToElement(definition, Parley.Server.Transport.TransportJson.Options);
        var received = wire.Deserialize<CalendarDefinition>(Parley.Server.Transport.TransportJson.Options)!;

        Assert.Equal("friday", wire.GetProperty("weekly")[1].GetProperty("day").GetString());
        Assert.Equal(definition.Weekly, received.Weekly);
        Assert.Equal(definition.Exceptions[0].Hours, received.Exceptions[0].Hours);
        Assert.Equal(definition.Holidays, received.Holidays);
        Assert.Equal("\"message\"", JsonSerializer.Serialize(AvailabilityPolicy.Message, Parley.Server.Transport.TransportJson.Options));
    }

    [Fact]
    public void Left_out_lists_read_as_empty()
    {
        var definition = JsonSerializer.Deserialize<CalendarDefinition>("""{ "name": "x", "timeZone": "UTC", "exceptions": null }""", JsonSerializerOptions.Web)!;

        Assert.Empty(definition.Weekly);
        Assert.Empty(definition.Exceptions);
        Assert.Empty(definition.Holidays);
    }

    [Theory]
    [InlineData("""{ "day": "funday", "open": "09:00", "close": "17:00" }""")]
    [InlineData("""{ "day": "1", "open": "09:00", "close": "17:00" }""")]
    [InlineData("""{ "day": "monday", "open": "9am", "close": "17:00" }""")]
    [InlineData("""{ "day": "monday", "open": "24:00", "close": "17:00" }""")]
    [InlineData("""{ "day": "monday" }""")]
    [InlineData("""{ "open": "09:00", "close": "17:00" }""")]
    public void A_day_or_time_in_another_form_or_left_out_is_refused(string hours) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WeeklyHours>(hours, JsonSerializerOptions.Web));

    [Theory]
    [InlineData(AvailabilityPolicy.Queue, "queue")]
    [InlineData(AvailabilityPolicy.Message, "message")]
    [InlineData(AvailabilityPolicy.Hide, "hide")]
    public void A_policy_is_its_camel_case_name(AvailabilityPolicy policy, string name)
    {
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(policy));
        Assert.Equal(policy, JsonSerializer.Deserialize<AvailabilityPolicy>($"\"{name}\""));
    }
}
