using System.Globalization;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>One agent's buckets of one report interval, added up, and the row they make.</summary>
public sealed class AgentTally
{
    private readonly ReportAgentIntervalRecord _sum = new() { Agent = "" };
    private readonly long[] _handle = new long[AgentDurationHistogram.HandleEdges.Length + 1];
    private readonly long[] _firstResponse = new long[AgentDurationHistogram.FirstResponseEdges.Length + 1];
    private readonly SortedDictionary<(string Presence, string Reason), long> _reasons = [];

    public void Add(ReportAgentIntervalRecord bucket)
    {
        AgentFold.AddTo(_sum, bucket, histograms: false);
        AgentDurationHistogram.AddTo(_handle, bucket.HandleHistogram);
        AgentDurationHistogram.AddTo(_firstResponse, bucket.FirstResponseHistogram);
    }

    public void AddReason(string presence, string reason, long ms) =>
        _reasons[(presence, reason)] = _reasons.GetValueOrDefault((presence, reason)) + ms;

    /// <param name="elapsedMs">How much of the interval has passed (its length, or up to now): offline is the rest.</param>
    public AgentReportRow ToRow(string agent, string displayName, DateTimeOffset intervalStart, long elapsedMs)
    {
        var s = _sum;
        var signedIn = s.ReadyMs + s.BusyMs + s.WrapUpMs + s.ExternalBusyMs + s.AwayMs + s.DoNotDisturbMs;
        var available = s.ReadyMs + s.BusyMs + s.WrapUpMs + s.ExternalBusyMs;
        return new AgentReportRow(
            agent,
            displayName,
            intervalStart,
            s.Offers,
            s.Declines,
            s.OffersTimedOut,
            s.Accepted,
            s.Handled,
            Mean(s.HandleMs, s.Handled),
            Round(AgentDurationHistogram.Percentile(AgentDurationHistogram.HandleEdges, _handle, 0.9)),
            Mean(s.WrapUpWorkMs, s.WrapUps),
            Mean(s.HandleMs + s.WrapUpWorkMs, s.Handled),
            Mean(s.FirstResponseMs, s.FirstReplies),
            Round(AgentDurationHistogram.Percentile(AgentDurationHistogram.FirstResponseEdges, _firstResponse, 0.9)),
            s.TransfersOut,
            s.Ratings == 0 ? null : Math.Round((double)s.RatingSum / s.Ratings, 3),
            s.Ratings,
            Seconds(signedIn),
            Seconds(available),
            Seconds(s.ReadyMs),
            Seconds(s.BusyMs),
            Seconds(s.WrapUpMs),
            Seconds(s.ExternalBusyMs),
            Seconds(s.AwayMs),
            Seconds(s.DoNotDisturbMs),
            Seconds(Math.Max(0, elapsedMs - signedIn)),
            Seconds(s.SlotUsedMs),
            Seconds(s.SlotAvailableMs),
            s.SlotAvailableMs == 0 ? null : Math.Round((double)s.SlotUsedMs / s.SlotAvailableMs, 4),
            string.Join(';', _reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{Camel(r.Key.Presence)}:{r.Key.Reason}={Seconds(r.Value)}"))));
    }

    private static double Seconds(long ms) => ms / 1000.0;

    private static double? Mean(long sumMs, int count) => count == 0 ? null : Math.Round(sumMs / 1000.0 / count, 3);

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 3) : null;

    private static string Camel(string presence) => presence.Length == 0 ? presence : char.ToLowerInvariant(presence[0]) + presence[1..];
}
