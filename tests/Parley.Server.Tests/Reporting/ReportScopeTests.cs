using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// Team scoping of the reports against the real server: a supervisor reads the queues they supervise and the agents
/// who serve them — a report asked without a queue covers only theirs, one naming another queue or agent is 403 — and an
/// admin reads everything. The demo's alice supervises support, sales and billing; the test adds the queue returns and
/// rita, who serves only returns.
/// </summary>
public sealed class ReportScopeTests : ServerPerTest
{
    [Fact]
    public async Task A_supervisor_reads_the_reports_of_their_queues_and_agents_only_an_admin_all()
    {
        using var admin = Server.CreateClient(await Server.LoginAsync("admin"));
        (await admin.PutAsJsonAsync("api/v1/admin/queues/returns", new { displayName = "Returns" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("api/v1/admin/agents/rita", new { displayName = "Rita", password = ParleyClient.AgentPassword, roles = new[] { "agent" }, queues = new[] { "returns" } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("api/v1/admin/agents/sam", new { displayName = "Sam", password = ParleyClient.AgentPassword, roles = new[] { "agent", "supervisor" }, queues = new[] { "support" } })).EnsureSuccessStatusCode();
        var inSupport = await Server.StartConversationAsync("support", "Sue");
        var inReturns = await Server.StartConversationAsync("returns", "Ray");
        var window = Window();
        using var alice = Server.CreateClient(await Server.LoginAsync("alice"));
        using var sam = Server.CreateClient(await Server.LoginAsync("sam"));

        var everything = await Eventually.ThatAsync(
            () => admin.GetFromJsonAsync<JsonElement>("api/v1/reports/conversations?" + window),
            rows => rows.GetArrayLength() == 2, "both chats in the admin's conversation report");
        var alices = await alice.GetFromJsonAsync<JsonElement>("api/v1/reports/conversations?" + window);

        Assert.Equal([inSupport.ConversationId], alices.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Contains(everything.EnumerateArray(), r => r.GetProperty("id").GetGuid() == inReturns.ConversationId);
        var queues = await alice.GetFromJsonAsync<JsonElement>("api/v1/reports/queues?interval=1d&" + window);
        Assert.DoesNotContain(queues.EnumerateArray(), r => r.GetProperty("queue").GetString() == "returns");
        foreach (var url in new[]
        {
            "api/v1/reports/queues?queue=returns&" + window,
            "api/v1/reports/conversations?queue=support&queue=returns&" + window,
            "api/v1/reports/agents?agent=rita&" + window,
            "api/v1/reports/agents/rita/activity?" + window,
        })
        {
            var refused = await alice.GetAsync(url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{url}: {refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/v1/reports/agents?agent=bob&" + window)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/reports/agents/rita/activity?" + window)).StatusCode);
        var nobody = await sam.GetAsync("api/v1/reports/queues?" + window);
        Assert.Equal(HttpStatusCode.Forbidden, nobody.StatusCode);
        Assert.Contains("supervise no queue", await nobody.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Window()
    {
        var now = DateTimeOffset.UtcNow;
        return $"from={Uri.EscapeDataString(now.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddDays(1).ToString("O"))}";
    }
}
