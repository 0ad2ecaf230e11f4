using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Conversations;
using Parley.Server.Reporting;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The reporting event log on every provider: appended through the group commit, kept in order, purged safely.</summary>
public abstract partial class StorageSpecification
{
    private static ReportEventRecord Fact(int i, string? agent = null, string? presence = null) => new()
    {
        Kind = agent is null ? ReportEventKinds.Queued : ReportEventKinds.Load,
        At = T0.ToUnixTimeMilliseconds() + i,
        ConversationId = agent is null ? Guid.NewGuid() : null,
        Queue = agent is null ? "support" : null,
        Agent = agent,
        Detail = "arrival",
        QueuedAt = T0.ToUnixTimeMilliseconds(),
        DurationMs = 1_000L * i,
        Site = "west",
        Edge = "edge-1",
        Medium = "chat",
        Presence = presence,
        Status = presence is null ? null : "Ready",
        Active = presence is null ? null : i % 3,
        Capacity = presence is null ? null : 3,
    };

    [Fact]
    public async Task Facts_are_appended_in_the_order_of_their_writes_with_every_column_and_more_than_one_statement_holds()
    {
        await using (await ContextAsync())
        {
        }

        // One write of more facts than one INSERT's parameters allow, and many small writes committed together.
        var big = Enumerable.Range(0, 2_500).Select(i => Fact(i)).ToList();
        var small = Enumerable.Range(2_500, 60).Select(i => Fact(i, agent: "bob", presence: "Available")).ToList();
        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            await writer.WriteAsync(new ConversationWrite(Facts: big));
            foreach (var fact in small)
            {
                await writer.WriteAsync(new ConversationWrite(Facts: [fact]));
            }
        }

        await using var check = Database.CreateContext();
        var stored = check.ReportEvents.OrderBy(e => e.Id).ToList();
        Assert.Equal([.. big.Select(f => f.At), .. small.Select(f => f.At)], stored.Select(e => e.At));
        var first = stored[7];
        Assert.Equal((big[7].ConversationId, "queued", "support", "arrival", T0.ToUnixTimeMilliseconds(), 7_000L, "west", "edge-1", "chat"),
            (first.ConversationId, first.Kind, first.Queue, first.Detail, first.QueuedAt, first.DurationMs, first.Site, first.Edge, first.Medium));
        var agent = stored[^1];
        Assert.Equal(("bob", "Available", "Ready", 2_559 % 3, 3), (agent.Agent, agent.Presence, agent.Status, agent.Active, agent.Capacity));

        var last = await new ReportEventQueries(check).LastAgentStatesAsync(CancellationToken.None);
        Assert.Equal(agent.Id, Assert.Single(last).Id);
    }

    [Fact]
    public async Task Raw_retention_deletes_only_old_facts_that_every_projection_has_folded_in()
    {
        var now = T0.AddDays(500);
        var time = new FakeTimeProvider(now);
        var retention = new RawFactRetention(new Factory(Database), Options.Create(new ReportingOptions { RawRetention = TimeSpan.FromDays(400) }), time,
            NullLogger<RawFactRetention>.Instance);
        await using (var context = await ContextAsync())
        {
            // Ten facts 450 days old, ten 10 days old.
            context.ReportEvents.AddRange(Enumerable.Range(0, 10).Select(i => Fact(i)).Select(f => { f.At = now.AddDays(-450).ToUnixTimeMilliseconds(); return f; }));
            context.ReportEvents.AddRange(Enumerable.Range(0, 10).Select(i => Fact(i)).Select(f => { f.At = now.AddDays(-10).ToUnixTimeMilliseconds(); return f; }));
            await context.SaveChangesAsync();
        }

        // No projection yet: nothing is known to be folded in.
        Assert.Equal(0, await retention.PurgeAsync(CancellationToken.None));
        long[] ids;
        await using (var context = Database.CreateContext())
        {
            ids = [.. context.ReportEvents.OrderBy(e => e.Id).Select(e => e.Id)];
            // One projection has read all, another only the first six.
            context.ReportProjections.AddRange(new ReportProjectionRecord { Name = "a", Position = ids[^1] }, new ReportProjectionRecord { Name = "b", Position = ids[5] });
            await context.SaveChangesAsync();
        }

        Assert.Equal(6, await retention.PurgeAsync(CancellationToken.None));
        await using var check = Database.CreateContext();
        Assert.Equal(ids[6..], check.ReportEvents.OrderBy(e => e.Id).Select(e => e.Id).ToArray());
    }
}
