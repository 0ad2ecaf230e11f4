using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Accounts;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// The agent reports' named queries (the REST endpoints, the pages and the tests call these): figures per agent and
/// interval from the 15-minute roll-ups, plus the state each agent is in now up to now; shifts; an agent's timeline.
/// Rows stream in interval order; with interval 1d or 1w a shift's buckets go to the day (week) the shift started.
/// </summary>
public sealed class AgentReports(
    IDbContextFactory<ParleyDbContext> databases,
    AgentDirectory directory,
    IOptions<ReportingOptions> options,
    TimeProvider time)
{
    /// <summary>Figures per agent and interval (agents with anything in it: time signed in or a chat figure).</summary>
    public async IAsyncEnumerable<AgentReportRow> AgentsAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var intervals = new ReportIntervals(filter.Interval, filter.TimeZone);
        var (rangeStart, rangeEnd) = intervals.Span(filter.From, filter.To);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var agents = filter.Agents;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        // A day or week report puts a shift's buckets in the interval it started in: read on to the end of the shifts
        // that start in the range, and leave out what belongs to shifts that started before it.
        var shifts = intervals.IsCalendar ? await ShiftsOfAsync(db, agents, rangeStart, rangeEnd, now, cancellationToken) : [];
        var readEnd = Math.Max(rangeEnd, shifts.Values.SelectMany(s => s).Where(s => s.Start < rangeEnd).Select(s => AgentFold.BucketOf((s.End ?? now) - 1) + AgentFold.BucketMs).DefaultIfEmpty(rangeEnd).Max());

        var open = await OpenSpansAsync(db, agents, rangeStart, Math.Min(now, readEnd), cancellationToken);
        var reasons = await ReasonsAsync(db, agents, rangeStart, readEnd, open.Reasons, cancellationToken);
        List<ReportAgentIntervalRecord> openBuckets = [.. open.Intervals.Values.OrderBy(r => r.BucketStart).ThenBy(r => r.Agent, StringComparer.Ordinal)];

        // Tallies of the intervals not yet complete, by interval then agent; an interval is answered once the buckets
        // read have passed it (clock intervals), or at the end (days and weeks, whose shifts reach past them).
        var pending = new SortedDictionary<long, SortedDictionary<string, AgentTally>>();
        var cursors = new Dictionary<string, int>(StringComparer.Ordinal);
        var buckets = db.ReportAgentIntervals.AsNoTracking()
            .Where(r => r.BucketStart >= rangeStart && r.BucketStart < readEnd)
            .Where(r => agents == null || agents.Contains(r.Agent))
            .OrderBy(r => r.BucketStart).ThenBy(r => r.Agent)
            .AsAsyncEnumerable();
        await foreach (var bucket in Merge(buckets, openBuckets, cancellationToken))
        {
            if (!intervals.IsCalendar)
            {
                foreach (var row in Answer(pending, intervals, now, upTo: intervals.StartOf(bucket.BucketStart)))
                {
                    yield return row;
                }
            }

            var interval = intervals.StartOf(Attributed(bucket, shifts, cursors));
            if (interval < rangeStart || interval >= rangeEnd)
            {
                continue;
            }

            if (!pending.TryGetValue(interval, out var tallies))
            {
                pending[interval] = tallies = new SortedDictionary<string, AgentTally>(StringComparer.Ordinal);
            }

            if (!tallies.TryGetValue(bucket.Agent, out var tally))
            {
                tallies[bucket.Agent] = tally = new AgentTally();
            }

            tally.Add(bucket);
            if (reasons.TryGetValue((bucket.Agent, bucket.BucketStart), out var spent))
            {
                foreach (var (presence, reason, ms) in spent)
                {
                    tally.AddReason(presence, reason, ms);
                }
            }
        }

        foreach (var row in Answer(pending, intervals, now, upTo: long.MaxValue))
        {
            yield return row;
        }
    }

    /// <summary>The shifts that start in the intervals overlapping [from, to), with the interval and day they start in.</summary>
    public async IAsyncEnumerable<AgentShiftRow> ShiftsAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var intervals = new ReportIntervals(filter.Interval, filter.TimeZone);
        var (rangeStart, rangeEnd) = intervals.Span(filter.From, filter.To);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var shifts = await ShiftsOfAsync(db, filter.Agents, rangeStart, rangeEnd, now, cancellationToken);
        var rows = shifts.Values.SelectMany(s => s)
            .Where(s => s.Start >= rangeStart && s.Start < rangeEnd)
            .OrderBy(s => s.Start).ThenBy(s => s.Agent, StringComparer.Ordinal);
        foreach (var shift in rows)
        {
            yield return new AgentShiftRow(
                shift.Agent,
                directory.DisplayName(shift.Agent),
                intervals.Show(intervals.StartOf(shift.Start)),
                intervals.Date(shift.Start),
                intervals.Show(shift.Start),
                shift.End is { } end ? intervals.Show(end) : null,
                ((shift.End ?? Math.Max(now, shift.Start)) - shift.Start) / 1000.0,
                shift.SignedInMs / 1000.0,
                shift.SignIns);
        }
    }

    /// <summary>
    /// An agent's timeline in [from, to): every state span (as the agent's facts recorded it; the span open at
    /// <paramref name="from"/> starts there), in order. Reaches back as far as the raw facts (Parley:Reporting:RawRetention).
    /// </summary>
    public async IAsyncEnumerable<AgentActivityRow> ActivityAsync(string agent, DateTimeOffset from, DateTimeOffset to, string timeZone = "UTC", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var zone = new ReportIntervals(ReportInterval.Minutes15, timeZone);
        var (start, end) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        // The state at 'from' is the agent's last fact before it, searched only back to the sign-in it falls in.
        var signedInAt = await db.ReportAgentSignIns.AsNoTracking()
            .Where(s => s.Agent == agent && s.SignedInAt <= start && (s.SignedOutAt == null || s.SignedOutAt > start))
            .Select(s => (long?)s.SignedInAt).FirstOrDefaultAsync(cancellationToken);
        var kinds = AgentFold.AgentKinds;
        var facts = new List<ReportEventRecord>();
        if (signedInAt is { } since)
        {
            facts.AddRange(await db.ReportEvents.AsNoTracking()
                .Where(e => e.Agent == agent && kinds.Contains(e.Kind) && e.At >= since && e.At < start)
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(1).ToListAsync(cancellationToken));
        }

        facts.AddRange(await db.ReportEvents.AsNoTracking()
            .Where(e => e.Agent == agent && kinds.Contains(e.Kind) && e.At >= start && e.At < end)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken));
        for (var i = 0; i < facts.Count; i++)
        {
            var fact = facts[i];
            var spanStart = Math.Max(fact.At, start);
            long? spanEnd = i + 1 < facts.Count ? facts[i + 1].At : (Math.Min(end, now) is var last && last < end ? null : end);
            var until = spanEnd ?? Math.Max(spanStart, now);
            yield return new AgentActivityRow(
                zone.Show(spanStart),
                spanEnd is { } e ? zone.Show(e) : null,
                Math.Max(0, until - spanStart) / 1000.0,
                fact.Kind,
                fact.Presence ?? "Offline",
                fact.Presence is "Away" or "DoNotDisturb" ? fact.Detail : null,
                fact.Status ?? "Offline",
                fact.Active ?? 0,
                fact.Capacity ?? 0);
        }
    }

    private IEnumerable<AgentReportRow> Answer(SortedDictionary<long, SortedDictionary<string, AgentTally>> pending, ReportIntervals intervals, long now, long upTo)
    {
        while (pending.Count > 0 && pending.First() is var (interval, tallies) && interval < upTo)
        {
            pending.Remove(interval);
            var elapsed = Math.Max(0, Math.Min(intervals.EndOf(interval), now) - interval);
            foreach (var (agent, tally) in tallies)
            {
                yield return tally.ToRow(agent, directory.DisplayName(agent), intervals.Show(interval), elapsed);
            }
        }
    }

    /// <summary>
    /// When a bucket's figures count: the start of the earliest shift it overlaps (days, weeks), else its own time. An
    /// agent's buckets come in time order, so each agent's cursor into its shifts only moves on.
    /// </summary>
    private static long Attributed(ReportAgentIntervalRecord bucket, Dictionary<string, List<AgentShift>> shifts, Dictionary<string, int> cursors)
    {
        if (!shifts.TryGetValue(bucket.Agent, out var own))
        {
            return bucket.BucketStart;
        }

        var i = cursors.GetValueOrDefault(bucket.Agent);
        while (i < own.Count && own[i].End is { } end && end <= bucket.BucketStart)
        {
            i++;
        }

        cursors[bucket.Agent] = i;
        return i < own.Count && own[i].Start < bucket.BucketStart + AgentFold.BucketMs ? own[i].Start : bucket.BucketStart;
    }

    private async Task<Dictionary<string, List<AgentShift>>> ShiftsOfAsync(ParleyDbContext db, IReadOnlyList<string>? agents, long rangeStart, long rangeEnd, long now, CancellationToken cancellationToken)
    {
        // A sign-in that ended more than a gap before the range cannot change a shift that starts in it.
        var gap = options.Value.ShiftGap;
        var since = rangeStart - (long)gap.TotalMilliseconds;
        var signIns = await db.ReportAgentSignIns.AsNoTracking()
            .Where(s => s.SignedInAt < rangeEnd && (s.SignedOutAt == null || s.SignedOutAt >= since))
            .Where(s => agents == null || agents.Contains(s.Agent))
            .OrderBy(s => s.Agent).ThenBy(s => s.SignedInAt)
            .ToListAsync(cancellationToken);
        var shifts = new Dictionary<string, List<AgentShift>>(StringComparer.Ordinal);
        foreach (var group in signIns.GroupBy(s => s.Agent, StringComparer.Ordinal))
        {
            shifts[group.Key] = AgentShift.Join(group.Key, group, gap, now);
        }

        return shifts;
    }

    /// <summary>The span each agent is in now (not yet closed by a fact), from its start up to now, in buckets.</summary>
    private static async Task<AgentFold> OpenSpansAsync(ParleyDbContext db, IReadOnlyList<string>? agents, long from, long until, CancellationToken cancellationToken)
    {
        var states = await db.ReportAgentStates.AsNoTracking()
            .Where(s => s.Status != "Offline" && s.At < until)
            .Where(s => agents == null || agents.Contains(s.Agent))
            .ToListAsync(cancellationToken);
        var fold = new AgentFold(new Dictionary<string, ReportAgentStateRecord>());
        foreach (var state in states)
        {
            fold.AddSpan(state.Agent, state, Math.Max(state.At, from), until);
        }

        return fold;
    }

    /// <summary>The time per away and do-not-disturb reason, per agent and bucket: stored, plus the open spans'.</summary>
    private static async Task<Dictionary<(string Agent, long Bucket), List<(string Presence, string Reason, long Ms)>>> ReasonsAsync(
        ParleyDbContext db, IReadOnlyList<string>? agents, long from, long to, Dictionary<(string Agent, long Bucket, string Presence, string Reason), long> open, CancellationToken cancellationToken)
    {
        var stored = await db.ReportAgentReasons.AsNoTracking()
            .Where(r => r.BucketStart >= from && r.BucketStart < to)
            .Where(r => agents == null || agents.Contains(r.Agent))
            .Select(r => new { r.Agent, r.BucketStart, r.Presence, r.Reason, r.Ms })
            .ToListAsync(cancellationToken);
        var reasons = new Dictionary<(string Agent, long Bucket), List<(string Presence, string Reason, long Ms)>>();
        foreach (var (agent, bucket, presence, reason, ms) in stored.Select(r => (r.Agent, r.BucketStart, r.Presence, r.Reason, r.Ms)).Concat(open.Select(o => (o.Key.Agent, o.Key.Bucket, o.Key.Presence, o.Key.Reason, o.Value))))
        {
            if (!reasons.TryGetValue((agent, bucket), out var list))
            {
                reasons[(agent, bucket)] = list = [];
            }

            list.Add((presence, reason, ms));
        }

        return reasons;
    }

    /// <summary>Two runs of buckets, each in (bucket, agent) order, as one in that order.</summary>
    private static async IAsyncEnumerable<ReportAgentIntervalRecord> Merge(IAsyncEnumerable<ReportAgentIntervalRecord> stored, List<ReportAgentIntervalRecord> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = 0;
        await foreach (var bucket in stored.WithCancellation(cancellationToken))
        {
            while (next < open.Count && open[next].BucketStart < bucket.BucketStart)
            {
                yield return open[next++];
            }

            yield return bucket;
        }

        while (next < open.Count)
        {
            yield return open[next++];
        }
    }
}
