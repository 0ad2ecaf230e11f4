using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// <c>GET /api/v1/queues/{name}</c> says whether the queue is open, closed by its calendar or without agents, with the
/// policy in force and the next opening; a closed queue whose policy offers no chat refuses a start with 409. The demo
/// queue <c>billing</c> keeps office hours in Amsterdam (weekdays 09:00–17:30); support and sales have no calendar.
/// </summary>
public sealed class QueueAvailabilityTests
{
    // Sunday 6 December 2026, 12:00 in Amsterdam (UTC+1): billing is closed until Monday 09:00 (08:00 UTC).
    private static readonly DateTimeOffset Sunday = new(2026, 12, 6, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayOpening = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_queue_without_a_calendar_is_open_while_an_agent_who_serves_it_is_signed_in_and_else_has_no_agents()
    {
        await using var server = new ParleyServer();
        using var client = server.CreateClient();

        var nobody = await AvailabilityAsync(client, "support");
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var open = await Eventually.ThatAsync(() => AvailabilityAsync(client, "support"), a => a.GetProperty("state").GetString() == "open", "support open once alice is in");
        await alice.Connection.InvokeAsync("SetPresence", "away");
        var away = await AvailabilityAsync(client, "support");

        Assert.Equal(("noAgents", "queue"), (nobody.GetProperty("state").GetString(), nobody.GetProperty("policy").GetString()));
        Assert.Equal(JsonValueKind.Null, nobody.GetProperty("nextOpening").ValueKind);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("policy").ValueKind);
        // Away is still signed in: back soon, so the queue is not "without agents".
        Assert.Equal("open", away.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_closed_queue_says_its_policy_and_next_opening_and_opens_on_the_clock_without_any_change()
    {
        var time = new FakeTimeProvider(Sunday);
        await using var server = new ParleyServer(time: time);
        using var client = server.CreateClient();

        var closed = await AvailabilityAsync(client, "billing");
        time.SetUtcNow(MondayOpening.AddMinutes(1));
        var monday = await AvailabilityAsync(client, "billing");

        Assert.Equal(("closed", "message"), (closed.GetProperty("state").GetString(), closed.GetProperty("policy").GetString()));
        Assert.Equal(MondayOpening, closed.GetProperty("nextOpening").GetDateTimeOffset());
        // Open by the calendar now; nobody serving billing is signed in.
        Assert.Equal("noAgents", monday.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_start_at_a_closed_queue_whose_policy_is_message_is_409_saying_it_is_closed_and_starts_nothing()
    {
        var time = new FakeTimeProvider(Sunday);
        await using var server = new ParleyServer(time: time);
        using var client = server.CreateClient();

        using var response = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "billing", customer = new { name = "Late Larry" }, answers = new { } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        time.SetUtcNow(MondayOpening.AddHours(1));
        using var later = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "billing", customer = new { name = "Early Erin" }, answers = new { } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Queue closed", problem.GetProperty("title").GetString());
        Assert.Contains("2026-12-07T08:00:00Z", problem.GetProperty("detail").GetString());
        // Open: a lack of agents never refuses a start.
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public async Task A_start_at_a_queue_without_agents_is_accepted_and_queued()
    {
        await using var server = new ParleyServer();
        using var client = server.CreateClient();

        Assert.Equal("noAgents", (await AvailabilityAsync(client, "support")).GetProperty("state").GetString());
        var started = await server.StartConversationAsync("support", "Patient Pat");

        Assert.Equal("queued", started.Status.State.ToString().ToLowerInvariant());
    }

    internal static async Task<JsonElement> AvailabilityAsync(HttpClient client, string queue)
    {
        using var response = await client.GetAsync($"api/v1/queues/{queue}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("availability");
    }
}
