using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// Folds the event log's agent facts (and the chat facts that name an agent) into the agents' 15-minute roll-ups
/// (<c>report_agent_intervals</c>, <c>report_agent_reasons</c>), their sign-ins and their last state, in batches. A
/// batch's roll-ups and the new position are written in one transaction, and the position moves only from the value
/// the batch read (a second folder at the same time fails and rolls back): a crash neither loses nor counts twice.
/// Facts are read by Id, which the recording assigns in commit order (one writer), so none is passed over.
/// </summary>
public sealed partial class AgentProjection(IDbContextFactory<ParleyDbContext> databases, ILogger<AgentProjection> logger, WriteTurns? turns = null)
{
    /// <summary>The projection's row in <c>report_projections</c>.</summary>
    public const string Name = "agents";

    private const int BatchSize = 2000;

    /// <summary>Whose turn it is to write (SQLite: one writer; the group commit must not wait behind fold after fold).</summary>
    internal WriteTurns Turns { get; } = turns ?? WriteTurns.None;

    /// <summary>Folds every fact committed so far; returns how many agent facts it folded.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (await FoldBatchAsync(cancellationToken) is var folded and > 0)
        {
            total += folded;
        }

        return total;
    }

    /// <summary>Folds the next batch; returns how many agent facts it folded (0: up to date).</summary>
    public async Task<int> FoldBatchAsync(CancellationToken cancellationToken)
    {
        await using var batch = await ReadBatchAsync(cancellationToken);
        return batch is null ? 0 : await batch.WriteAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the next batch and works out its rows, outside a transaction (facts never change, and only this projection
    /// writes its rows); null when there is nothing to fold. <see cref="Batch.WriteAsync"/> then stores it.
    /// </summary>
    internal async Task<Batch?> ReadBatchAsync(CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken);
        try
        {
            var position = await db.ReportProjections.AsNoTracking().Where(p => p.Name == Name).Select(p => (long?)p.Position).SingleOrDefaultAsync(cancellationToken);
            var facts = await db.ReportEvents.AsNoTracking()
                .Where(e => e.Id > (position ?? 0) && e.Agent != null)
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (facts.Count == 0)
            {
                await db.DisposeAsync();
                return null;
            }

            var agents = facts.Select(f => f.Agent!).Distinct(StringComparer.Ordinal).ToList();
            var states = await db.ReportAgentStates.Where(s => agents.Contains(s.Agent)).ToDictionaryAsync(s => s.Agent, StringComparer.Ordinal, cancellationToken);
            var known = states.Keys.ToHashSet(StringComparer.Ordinal);
            var fold = new AgentFold(states);
            foreach (var fact in facts)
            {
                fold.Add(fact);
            }

            foreach (var agent in fold.Changed.Where(a => !known.Contains(a)))
            {
                db.ReportAgentStates.Add(states[agent]);
            }

            await MergeIntervalsAsync(db, fold, agents, cancellationToken);
            await MergeReasonsAsync(db, fold, agents, cancellationToken);
            await MergeSignInsAsync(db, fold, agents, cancellationToken);
            return new Batch(this, db, position, facts[^1].Id, facts.Count);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>A batch read and worked out, its rows tracked by its own context, waiting to be written.</summary>
    internal sealed class Batch(AgentProjection projection, ParleyDbContext db, long? from, long to, int count) : IAsyncDisposable
    {
        /// <summary>
        /// Writes the rows and moves the position from <c>from</c> to <c>to</c> in one transaction that begins with that
        /// move: a folder that lost the race rolls back (and on SQLite the transaction starts with a write, so it never
        /// holds a stale read snapshot). Returns how many facts were folded.
        /// </summary>
        public async Task<int> WriteAsync(CancellationToken cancellationToken)
        {
            using var turn = await projection.Turns.TakeAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (from is null)
            {
                db.ReportProjections.Add(new ReportProjectionRecord { Name = Name, Position = to });
            }
            else if (await db.ReportProjections.Where(p => p.Name == Name && p.Position == from).ExecuteUpdateAsync(p => p.SetProperty(x => x.Position, to), cancellationToken) != 1)
            {
                throw new DbUpdateConcurrencyException($"The {Name} projection moved on meanwhile; this batch is rolled back.");
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            projection.LogFolded(count, to);
            return count;
        }

        public ValueTask DisposeAsync() => db.DisposeAsync();
    }

    private static async Task MergeIntervalsAsync(ParleyDbContext db, AgentFold fold, List<string> agents, CancellationToken cancellationToken)
    {
        if (fold.Intervals.Count == 0)
        {
            return;
        }

        var (first, last) = (fold.Intervals.Keys.Min(k => k.Bucket), fold.Intervals.Keys.Max(k => k.Bucket));
        var stored = await db.ReportAgentIntervals
            .Where(r => agents.Contains(r.Agent) && r.BucketStart >= first && r.BucketStart <= last)
            .ToDictionaryAsync(r => (r.Agent, r.BucketStart), cancellationToken);
        foreach (var (key, delta) in fold.Intervals)
        {
            if (stored.TryGetValue(key, out var row))
            {
                AgentFold.AddTo(row, delta);
            }
            else
            {
                db.ReportAgentIntervals.Add(delta);
            }
        }
    }

    private static async Task MergeReasonsAsync(ParleyDbContext db, AgentFold fold, List<string> agents, CancellationToken cancellationToken)
    {
        if (fold.Reasons.Count == 0)
        {
            return;
        }

        var (first, last) = (fold.Reasons.Keys.Min(k => k.Bucket), fold.Reasons.Keys.Max(k => k.Bucket));
        var stored = await db.ReportAgentReasons
            .Where(r => agents.Contains(r.Agent) && r.BucketStart >= first && r.BucketStart <= last)
            .ToDictionaryAsync(r => (r.Agent, r.BucketStart, r.Presence, r.Reason), cancellationToken);
        foreach (var (key, ms) in fold.Reasons)
        {
            if (stored.TryGetValue(key, out var row))
            {
                row.Ms += ms;
            }
            else
            {
                db.ReportAgentReasons.Add(new ReportAgentReasonRecord { Agent = key.Agent, BucketStart = key.Bucket, Presence = key.Presence, Reason = key.Reason, Ms = ms });
            }
        }
    }

    private static async Task MergeSignInsAsync(ParleyDbContext db, AgentFold fold, List<string> agents, CancellationToken cancellationToken)
    {
        if (fold.SignIns.Count == 0)
        {
            return;
        }

        var open = await db.ReportAgentSignIns.Where(s => agents.Contains(s.Agent) && s.SignedOutAt == null).ToDictionaryAsync(s => s.Agent, StringComparer.Ordinal, cancellationToken);
        foreach (var (agent, at, signedIn) in fold.SignIns)
        {
            if (signedIn)
            {
                var row = new ReportAgentSignInRecord { Agent = agent, SignedInAt = at };
                db.ReportAgentSignIns.Add(row);
                open[agent] = row;
            }
            else if (open.Remove(agent, out var row))
            {
                row.SignedOutAt = at;
            }
        }
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Debug, Message = "The agent projection folded {Count} facts, up to {Position}")]
    private partial void LogFolded(int count, long position);
}
