using Microsoft.EntityFrameworkCore;
using Parley.ReportBench.Generation;
using Parley.ReportBench.Loading;
using Parley.Server.Storage;
using Parley.Server.Tests.Storage;

namespace Parley.Bench.Tests.ReportsBench;

/// <summary>
/// The benchmark's bulk loads write what the product would: read back through the product's own context (EF Core, as
/// the projections read), every generated fact is there, in the generated order (the log's Ids), with every column
/// equal — on SQLite and on PostgreSQL (PARLEY_TEST_POSTGRES). A week at a small size keeps it quick.
/// </summary>
public sealed class FactLoaderTests
{
    private static readonly YearShape Week = YearShape.Smoke with { Conversations = 3000, Days = 7, Agents = 60 };

    [Fact]
    public async Task Sqlite_gets_every_fact_in_order()
    {
        var directory = Directory.CreateTempSubdirectory("parley-report-bench-");
        var database = await BenchDatabase.CreateAsync(StorageProvider.Sqlite, Path.Combine(directory.FullName, "reports.db"));
        try
        {
            await LoadsInOrderAsync(database);
        }
        finally
        {
            await database.DeleteAsync();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_gets_every_fact_in_order()
    {
        var server = Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)
            ?? throw new InvalidOperationException($"{PostgresTestDatabase.Variable} is not set: these tests are never skipped.");
        var database = await BenchDatabase.CreateAsync(StorageProvider.Postgres, server, $"parley_test_{Guid.NewGuid():N}"[..32]);
        try
        {
            await LoadsInOrderAsync(database);
        }
        finally
        {
            await database.DeleteAsync();
        }
    }

    private static async Task LoadsInOrderAsync(BenchDatabase database)
    {
        var generated = new YearSimulation(Week).Facts().ToList();
        var written = await database.Loader().LoadAsync(generated);

        Assert.Equal(generated.Count, written);
        await using var context = database.CreateContext();
        var stored = await context.ReportEvents.AsNoTracking().OrderBy(f => f.Id).ToListAsync();
        Assert.Equal(generated.Count, stored.Count);
        Assert.Equal(generated.Select(Columns), stored.Select(Columns));
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(f => f.Id));
        // A conversation's facts are found by its id as the product queries them (the Guid stored as EF Core stores it).
        var chat = generated[^1].ConversationId ?? generated.Last(f => f.ConversationId is not null).ConversationId!.Value;
        Assert.Equal(generated.Count(f => f.ConversationId == chat), await context.ReportEvents.CountAsync(f => f.ConversationId == chat));
    }

    private static string Columns(ReportEventRecord f) => string.Join('|', FactColumns.Values(f));
}
