using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Reporting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// The whole way, on a fake clock: chats and an agent on the real server, the facts it records, the projections, and
/// the report API — a hand-computed quarter of an hour in the support queue.
/// </summary>
public sealed class ReportsEndToEndTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Chats_answered_and_abandoned_on_the_server_come_out_of_the_queue_and_agent_reports_as_computed_by_hand()
    {
        var time = new FakeTimeProvider(T0);
        await using var server = new ParleyServer(time: time);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();                                   // 09:00:00 Bob signs in, Available

        await using (var ann = await CustomerSession.StartAsync(server)) // 09:00:00 Ann queues, offered to Bob
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await bob.AcceptAsync(ann.Id);                              // 09:00:10 answered: wait 10 s (≤ 20 s)
            time.Advance(TimeSpan.FromSeconds(30));
            await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Hello Ann");
            time.Advance(TimeSpan.FromSeconds(60));                     // 09:00:40 first reply: 30 s
            await ann.Connection.InvokeAsync("End");                   // 09:01:40 ended: handled 90 s
            using var customer = server.CreateClient(ann.Conversation.CustomerToken);
            var rated = await customer.PostAsJsonAsync($"api/v1/conversations/{ann.Id}/rating", new { rating = 4 });
            Assert.True(rated.IsSuccessStatusCode, await rated.Content.ReadAsStringAsync());
        }

        await bob.Connection.InvokeAsync("SetPresenceWithReason", "Away", "Break"); // 09:01:40 Away (Break)
        await using (var carl = await CustomerSession.StartAsync(server, name: "Carl"))
        {
            time.Advance(TimeSpan.FromSeconds(3));
            await carl.Connection.InvokeAsync("End");                  // 09:01:43 a short abandon (3 s ≤ 5 s)
        }

        await using (var dan = await CustomerSession.StartAsync(server, name: "Dan"))
        {
            time.Advance(TimeSpan.FromSeconds(12));
            await dan.Connection.InvokeAsync("End");                   // 09:01:55 an abandon after 12 s
        }

        await server.Services.GetRequiredService<QueueProjection>().CatchUpAsync(CancellationToken.None);
        await server.Services.GetRequiredService<AgentProjection>().CatchUpAsync(CancellationToken.None);
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        const string Range = "from=2026-12-07T09:00:00Z&to=2026-12-07T10:00:00Z&interval=1h";

        var queue = Assert.Single((await admin.GetFromJsonAsync<JsonArray>($"api/v1/reports/queues?{Range}&queue=support"))!)!;
        // Offered 3; answered 1 (within 20 s); abandoned 2, one of them short; service level 1 / (1 + 1) = 0.5.
        Assert.Equal((3, 1, 2, 1), ((int)queue["offered"]!, (int)queue["answered"]!, (int)queue["abandoned"]!, (int)queue["shortAbandoned"]!));
        Assert.Equal(0.5, (double)queue["serviceLevel"]!);
        Assert.Equal((10.0, 30.0, 90.0), ((double)queue["asaSeconds"]!, (double)queue["firstResponseSeconds"]!, (double)queue["handleSeconds"]!));
        Assert.Equal(12.0, (double)queue["longestWaitSeconds"]!);
        Assert.Equal((1, 4.0), ((int)queue["ratings"]!, (double)queue["satisfaction"]!));

        var agent = Assert.Single((await admin.GetFromJsonAsync<JsonArray>($"api/v1/reports/agents?{Range}&agent=bob"))!)!;
        // Signed in 09:00:00 → now (09:01:55): Available 100 s, then Away 15 s; one chat held 90 s.
        Assert.Equal((1, 90.0, 30.0), ((int)agent["chatsHandled"]!, (double)agent["handleSeconds"]!, (double)agent["firstResponseSeconds"]!));
        Assert.Equal((115.0, 100.0, 15.0), ((double)agent["signedInSeconds"]!, (double)agent["availableSeconds"]!, (double)agent["awaySeconds"]!));
        Assert.Equal(90.0, (double)agent["slotSecondsUsed"]!);

        var conversations = (await admin.GetFromJsonAsync<JsonArray>($"api/v1/reports/conversations?{Range}&queue=support"))!;
        Assert.Equal([("answered", false), ("abandoned", true), ("abandoned", false)], conversations.Select(c => ((string)c!["outcome"]!, (bool)c["shortAbandon"]!)));
        Assert.Equal([10.0, 3.0, 12.0], conversations.Select(c => (double)c!["waitSeconds"]!));
        Assert.Equal(4, (int)conversations[0]!["rating"]!);
    }
}
