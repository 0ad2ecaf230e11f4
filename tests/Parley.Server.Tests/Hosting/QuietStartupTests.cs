using Microsoft.Extensions.Logging;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// Starting is not a fault: a first start (new database, new key ring) and an edge started before its core log what
/// happens at Information, never a warning or an error an operator would have to look into.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class QuietStartupTests
{
    [Fact]
    public async Task A_first_core_start_on_a_new_postgres_database_logs_no_error_and_no_warning()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var logs = new CapturedLogs();
        await using (var server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Database:Provider"] = database.Provider,
            ["Parley:Database:ConnectionString"] = database.ConnectionString,
            ["Logging:LogLevel:Parley"] = "Information",
        }, configure: logs.AddTo))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            (await http.GetAsync("/healthz")).EnsureSuccessStatusCode();
        }

        AssertNothingAbove(LogLevel.Information, logs);
        Assert.Contains(logs.Entries, e => e.Category.EndsWith(".DataProtectionKeys", StringComparison.Ordinal) && e.Level == LogLevel.Information);
    }

    [Fact]
    public async Task An_edge_started_before_its_core_waits_for_it_calmly_and_warns_only_when_a_core_that_answered_stops()
    {
        await using var broker = await Broker.CreateVhostAsync("edge-1");
        var settings = Parley.Server.Tests.Edges.RoleTests.Edge(broker.EdgeUris["edge-1"]);
        settings["Parley:Edge:HeartbeatInterval"] = "00:00:00.200";
        settings["Parley:RabbitMq:RequestTimeout"] = "00:00:00.500";
        settings["Logging:LogLevel:Parley"] = "Information";
        var logs = new CapturedLogs();
        await using var edge = new ParleyServer(settings: settings, configure: logs.AddTo);

        await Eventually.ThatAsync(() => logs.Entries.Count(e => e.EventId.Id == 6102), n => n >= 1, "the edge says it waits for the core");
        AssertNothingAbove(LogLevel.Information, logs);
        Assert.Single(logs.Entries, e => e.EventId.Id == 6102);

        // The core comes, answers, and goes: that is worth a warning.
        var core = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Role"] = "core",
            ["Parley:InstallationKey"] = Parley.Server.Tests.Edges.RoleTests.InstallationKey,
            ["Parley:RabbitMq:Uri"] = broker.CoreUri,
        });
        await Eventually.ThatAsync(() => logs.Entries.Any(e => e.EventId.Id == 6100), answered => answered, "the core answers");
        await core.DisposeAsync();
        await Eventually.ThatAsync(() => logs.Entries.Any(e => e.EventId.Id == 6101 && e.Level == LogLevel.Warning), warned => warned, "a warning that the core stopped answering");
    }

    private static void AssertNothingAbove(LogLevel level, CapturedLogs logs)
    {
        var loud = logs.Entries.Where(e => e.Level > level).Select(e => $"{e.Level} {e.Category}[{e.EventId.Id}]: {e.Message}").ToList();
        Assert.True(loud.Count == 0, "Logged above " + level + ":\n" + string.Join('\n', loud));
    }
}
