using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// Folds the event log's agent facts (and the chat facts that name an agent) into the agents' 15-minute roll-ups
/// (<c>report_agent_intervals</c>, <c>report_agent_reasons</c>), their sign-ins and their last state, in batches. A
/// batch's roll-ups and the new position are written in one transaction, and the position moves only from the value
/// the batch read (a second folder at the same time fails and rolls back): a crash neither loses nor counts twice.
/// </summary>
public sealed partial class AgentProjection(IDbContextFactory<ParleyDbContext> databases, ILogger<AgentProjection> logger)
{
    /// <summary>The projection's row in <c>report_projections</c>.</summary>
    public const string Name = "agents";

    private const int BatchSize = 2000;

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
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var position = await db.ReportProjections.AsNoTracking().Where(p => p.Name == Name).Select(p => (long?)p.Position).SingleOrDefaultAsync(cancellationToken);
        var facts = await db.ReportEvents.AsNoTracking()
            .Where(e => e.Id > (position ?? 0) && e.Agent != null)
            .OrderBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (facts.Count == 0)
        {
            return 0;
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

        var last = facts[^1].Id;
        if (position is null)
        {
            db.ReportProjections.Add(new ReportProjectionRecord { Name = Name, Position = last });
        }
        else if (await db.ReportProjections.Where(p => p.Name == Name && p.Position == position).ExecuteUpdateAsync(p => p.SetProperty(x => x.Position, last), cancellationToken) != 1)
        {
            throw new DbUpdateConcurrencyException($"The {Name} projection moved on meanwhile; this batch is rolled back.");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogFolded(facts.Count, last);
        return facts.Count;
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
