using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// 15-minute roll-ups added up into one interval (or a day, for the wallboard), and the figures worked out from the
/// sums: every formula of docs/reporting.md, in one place.
/// </summary>
internal sealed class QueueTotals
{
    private readonly DurationHistogram _wait = new();
    private readonly DurationHistogram _firstResponse = new();
    private readonly DurationHistogram _handle = new();
    private readonly DurationHistogram _businessWait = new();

    /// <summary>The counters and sums (histogram texts unused).</summary>
    public ReportQueueIntervalRecord Sum { get; } = new() { Queue = "" };

    /// <summary>Answered within T ÷ (answered + abandoned after the short-abandon threshold + expired).</summary>
    public double? ServiceLevel =>
        Ratio(Sum.AnsweredWithinServiceLevel, Sum.Answered + Sum.Abandoned - Sum.ShortAbandoned + Sum.Expired);

    /// <summary>The mean wait of the answered chats.</summary>
    public double? AsaSeconds => Mean(Sum.WaitSumMs, Sum.Answered);

    public void Add(ReportQueueIntervalRecord row)
    {
        var s = Sum;
        s.Offered += row.Offered;
        s.Arrivals += row.Arrivals;
        s.TransfersIn += row.TransfersIn;
        s.OverflowsIn += row.OverflowsIn;
        s.Returned += row.Returned;
        s.OffersToAgents += row.OffersToAgents;
        s.Answered += row.Answered;
        s.AnsweredWithinServiceLevel += row.AnsweredWithinServiceLevel;
        s.Abandoned += row.Abandoned;
        s.ShortAbandoned += row.ShortAbandoned;
        s.Expired += row.Expired;
        s.EndedWaiting += row.EndedWaiting;
        s.TransfersOut += row.TransfersOut;
        s.TransfersToAgent += row.TransfersToAgent;
        s.OverflowsOut += row.OverflowsOut;
        s.WaitSumMs += row.WaitSumMs;
        s.LongestWaitMs = Math.Max(s.LongestWaitMs, row.LongestWaitMs);
        s.FirstResponses += row.FirstResponses;
        s.FirstResponseSumMs += row.FirstResponseSumMs;
        s.Handled += row.Handled;
        s.HandleSumMs += row.HandleSumMs;
        s.WrapUps += row.WrapUps;
        s.WrapUpSumMs += row.WrapUpSumMs;
        s.Ended += row.Ended;
        s.InactivityClosed += row.InactivityClosed;
        s.SurveysOffered += row.SurveysOffered;
        s.Ratings += row.Ratings;
        s.RatingSum += row.RatingSum;
        s.Rated1 += row.Rated1;
        s.Rated2 += row.Rated2;
        s.Rated3 += row.Rated3;
        s.Rated4 += row.Rated4;
        s.Rated5 += row.Rated5;
        s.BusinessAnswered += row.BusinessAnswered;
        s.BusinessWaitSumMs += row.BusinessWaitSumMs;
        s.BusinessHandled += row.BusinessHandled;
        s.BusinessHandleSumMs += row.BusinessHandleSumMs;
        _wait.AddText(row.WaitHistogram);
        _firstResponse.AddText(row.FirstResponseHistogram);
        _handle.AddText(row.HandleHistogram);
        _businessWait.AddText(row.BusinessWaitHistogram);
    }

    public QueueReportRow ToRow(string queue, DateTimeOffset intervalStart, QueueTarget target)
    {
        var s = Sum;
        return new QueueReportRow(
            queue, intervalStart,
            s.Offered, s.Arrivals, s.TransfersIn, s.OverflowsIn, s.Returned, s.OffersToAgents,
            s.Answered, s.AnsweredWithinServiceLevel, s.Abandoned, s.ShortAbandoned, s.Expired,
            s.TransfersOut, s.TransfersToAgent, s.OverflowsOut,
            ServiceLevel, target.ServiceLevelTarget, target.ServiceLevelSeconds,
            AsaSeconds, _wait.PercentileSeconds(0.9, s.LongestWaitMs),
            s.Offered == 0 && s.LongestWaitMs == 0 ? null : s.LongestWaitMs / 1000.0,
            Mean(s.FirstResponseSumMs, s.FirstResponses), _firstResponse.PercentileSeconds(0.9),
            s.Handled, Mean(s.HandleSumMs, s.Handled), _handle.PercentileSeconds(0.9),
            Mean(s.HandleSumMs + s.WrapUpSumMs, s.Handled),
            s.Ended, s.InactivityClosed, s.SurveysOffered, s.Ratings, s.Ratings == 0 ? null : (double)s.RatingSum / s.Ratings, Ratio(s.Ratings, s.SurveysOffered),
            s.Rated1, s.Rated2, s.Rated3, s.Rated4, s.Rated5,
            Mean(s.BusinessWaitSumMs, s.BusinessAnswered), _businessWait.PercentileSeconds(0.9, s.LongestWaitMs),
            Mean(s.BusinessHandleSumMs, s.BusinessHandled));
    }

    private static double? Mean(long sumMs, int count) => count == 0 ? null : sumMs / 1000.0 / count;

    private static double? Ratio(int part, int whole) => whole <= 0 ? null : (double)part / whole;
}
