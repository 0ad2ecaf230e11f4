using Parley.Server.Reporting;

namespace Parley.Server.Tests.Reporting;

/// <summary>The report's intervals in its zone, and the fixed-bucket histograms that percentiles are read from.</summary>
public sealed class ReportIntervalsTests
{
    [Theory]
    // 09:20 UTC is 14:50 in Kolkata (+05:30): its half hour starts at 14:30 local = 09:00 UTC, its hour at 14:00 = 08:30 UTC.
    [InlineData(ReportInterval.Minutes15, "Asia/Kolkata", "2026-12-07T14:45:00+05:30")]
    [InlineData(ReportInterval.Minutes30, "Asia/Kolkata", "2026-12-07T14:30:00+05:30")]
    [InlineData(ReportInterval.Hour, "Asia/Kolkata", "2026-12-07T14:00:00+05:30")]
    [InlineData(ReportInterval.Day, "Asia/Kolkata", "2026-12-07T00:00:00+05:30")]
    // Monday 7 December; a Sunday would go back to the Monday before.
    [InlineData(ReportInterval.Week, "Europe/Amsterdam", "2026-12-07T00:00:00+01:00")]
    [InlineData(ReportInterval.Day, "America/New_York", "2026-12-07T00:00:00-05:00")]
    public void An_instant_lies_in_the_interval_of_the_zones_clock(ReportInterval interval, string zone, string start)
    {
        var intervals = new ReportIntervals(interval, zone);
        var at = new DateTimeOffset(2026, 12, 7, 9, 20, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var shown = intervals.Show(intervals.StartOf(at));

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), shown);
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).Offset, shown.Offset);
    }

    [Fact]
    public void A_week_starts_on_the_Monday_before_a_Sunday_and_the_spring_DST_day_lasts_23_hours()
    {
        var weeks = new ReportIntervals(ReportInterval.Week, "Europe/Amsterdam");
        var days = new ReportIntervals(ReportInterval.Day, "Europe/Amsterdam");
        var sunday = new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        Assert.Equal(new DateTimeOffset(2026, 3, 23, 0, 0, 0, TimeSpan.FromHours(1)), weeks.Show(weeks.StartOf(sunday)));
        var day = days.StartOf(sunday);
        Assert.Equal(TimeSpan.FromHours(23), TimeSpan.FromMilliseconds(days.EndOf(day) - day));
    }

    [Fact]
    public void The_buckets_of_a_report_cover_every_interval_that_overlaps_it()
    {
        var hours = new ReportIntervals(ReportInterval.Hour, "UTC");

        var (from, to) = hours.Span(new DateTimeOffset(2026, 12, 7, 9, 20, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 7, 10, 5, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), DateTimeOffset.FromUnixTimeMilliseconds(from));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 11, 0, 0, TimeSpan.Zero), DateTimeOffset.FromUnixTimeMilliseconds(to));
    }

    [Fact]
    public void A_histogram_adds_up_from_its_stored_text_and_reads_a_p90_at_the_upper_edge_of_its_bucket()
    {
        var first = new DurationHistogram();
        first.Add(4_000);   // 0–5 s
        first.Add(12_000);  // 10–15 s
        var second = new DurationHistogram();
        foreach (var ms in new long[] { 12_500, 13_000, 14_000, 16_000, 31_000, 31_000, 44_000, 8_000_000 })
        {
            second.Add(ms);
        }

        var sum = DurationHistogram.Parse(first.ToString());
        sum.AddText(second.ToString());

        Assert.Equal("1,0,1", first.ToString());
        Assert.Equal(10, sum.Count);
        // The 9th of 10 (44 s) lies in 30–45 s; the 10th (8,000 s) in the last bucket: its lower edge without a longest.
        Assert.Equal(45.0, sum.PercentileSeconds(0.9));
        Assert.Equal(7_200.0, sum.PercentileSeconds(1.0));
        Assert.Equal(8_000.0, sum.PercentileSeconds(1.0, longestMs: 8_000_000));
        Assert.Equal(15.0, sum.PercentileSeconds(0.5));
        Assert.Null(new DurationHistogram().PercentileSeconds(0.9));
    }
}
