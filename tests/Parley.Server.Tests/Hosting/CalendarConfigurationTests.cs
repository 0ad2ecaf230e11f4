using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>Calendars defined in configuration (<c>Parley:Calendars</c>) and a configured queue that uses one.</summary>
public sealed class CalendarConfigurationTests
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Parley:Demo:Enabled"] = "false",
        ["Parley:Calendars:0:Name"] = "office",
        ["Parley:Calendars:0:TimeZone"] = "America/New_York",
        ["Parley:Calendars:0:Weekly:0:Day"] = "Monday",
        ["Parley:Calendars:0:Weekly:0:Open"] = "09:00",
        ["Parley:Calendars:0:Weekly:0:Close"] = "17:00",
        ["Parley:Calendars:0:Exceptions:0:From"] = "2026-12-24",
        ["Parley:Calendars:0:Exceptions:0:To"] = "2026-12-24",
        ["Parley:Calendars:0:Exceptions:0:Hours:0:Open"] = "10:00",
        ["Parley:Calendars:0:Exceptions:0:Hours:0:Close"] = "12:00",
        ["Parley:Calendars:0:Holidays:0:Date"] = "2026-12-25",
        ["Parley:Calendars:0:Holidays:0:Name"] = "Christmas Day",
        ["Parley:Queues:0:Name"] = "billing",
        ["Parley:Queues:0:DisplayName"] = "Billing",
        ["Parley:Queues:0:Calendar"] = "office",
        ["Parley:Queues:0:ClosedPolicy"] = "message",
        ["Parley:Queues:0:NoAgentsPolicy"] = "hide",
        ["Parley:Agents:0:Username"] = "root",
        ["Parley:Agents:0:DisplayName"] = "Root",
        ["Parley:Agents:0:Password"] = "root-secret-123",
        ["Parley:Agents:0:Roles:0"] = "admin",
    };

    [Fact]
    public async Task A_configured_calendar_is_stored_and_a_configured_queue_uses_it()
    {
        await using var server = new ParleyServer(settings: Configured);
        using var admin = server.CreateClient(await server.LoginAsync("root", "root-secret-123"));

        var calendar = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/calendars/office");
        var queue = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/queues/billing");

        Assert.Equal(("America/New_York", "monday", "17:00"), (calendar.GetProperty("timeZone").GetString(),
            calendar.GetProperty("weekly")[0].GetProperty("day").GetString(), calendar.GetProperty("weekly")[0].GetProperty("close").GetString()));
        Assert.Equal("10:00", calendar.GetProperty("exceptions")[0].GetProperty("hours")[0].GetProperty("open").GetString());
        Assert.Equal("Christmas Day", calendar.GetProperty("holidays")[0].GetProperty("name").GetString());
        Assert.Equal(("office", "message", "hide"), (queue.GetProperty("calendar").GetString(), queue.GetProperty("closedPolicy").GetString(), queue.GetProperty("noAgentsPolicy").GetString()));
    }

    [Theory]
    [InlineData("Parley:Calendars:0:TimeZone", "Europe/Atlantis", "Parley:Calendars:0:TimeZone")]
    [InlineData("Parley:Calendars:0:Weekly:0:Open", "9am", "Parley:Calendars:0:Weekly:0:Open")]
    [InlineData("Parley:Calendars:0:Weekly:0:Day", "funday", "Parley:Calendars:0:Weekly:0:Day")]
    [InlineData("Parley:Calendars:0:Exceptions:0:To", "2026-12-01", "Parley:Calendars:0:Exceptions:0:To")]
    [InlineData("Parley:Calendars:0:Holidays:0:Name", "", "Parley:Calendars:0:Holidays:0:Name")]
    [InlineData("Parley:Queues:0:Calendar", "no-such-calendar", "Parley:Queues:0:Calendar")]
    [InlineData("Parley:Queues:0:ClosedPolicy", "sometimes", "Parley:Queues:0:ClosedPolicy")]
    public void Invalid_calendar_settings_stop_the_server_at_start_up_naming_the_setting(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>(Configured) { [key] = value };

        var e = Assert.ThrowsAny<OptionsValidationException>(() => new ParleyServer(settings: settings));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
