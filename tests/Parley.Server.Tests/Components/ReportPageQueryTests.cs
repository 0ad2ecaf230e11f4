using NodaTime;
using NodaTime.Text;
using Parley.Server.Components.Reports;

namespace Parley.Server.Tests.Components;

/// <summary>The report pages' address → the report API's instants: local days, one interval of a drill-down, DST days.</summary>
public sealed class ReportPageQueryTests
{
    private static readonly Instant Now = InstantPattern.General.Parse("2026-12-07T10:30:00Z").Value;

    private static ReportPageQuery Parse(string? from = null, string? to = null, string? interval = null, string? zone = null, string? at = null,
        string? view = null, string[]? queues = null, string? outcome = null) =>
        ReportPageQuery.Parse(view, from, to, interval, zone, queues, null, outcome, at, Now);

    private static string Utc(Instant instant) => InstantPattern.General.Format(instant);

    [Fact]
    public void Days_run_from_local_midnight_to_the_midnight_after_the_last_day_and_a_DST_day_has_23_hours()
    {
        var spring = Parse("2026-03-29", "2026-03-29", "1h", "Europe/Amsterdam");
        var winter = Parse("2026-12-01", "2026-12-07", "1d", "Europe/Amsterdam");

        Assert.Equal(("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"), (Utc(spring.From), Utc(spring.To)));
        Assert.Equal(("2026-11-30T23:00:00Z", "2026-12-07T23:00:00Z"), (Utc(winter.From), Utc(winter.To)));
        Assert.Equal("api/v1/reports/queues?from=2026-11-30T23%3A00%3A00Z&to=2026-12-07T23%3A00%3A00Z&interval=1d&timeZone=Europe%2FAmsterdam", winter.ApiUrl());
    }

    [Fact]
    public void The_agents_view_asks_the_api_without_the_queues_it_would_refuse_and_keeps_them_for_the_other_views()
    {
        var agents = Parse("2026-12-07", "2026-12-07", "1d", "UTC", view: "agents", queues: ["sales"]);

        Assert.Equal("api/v1/reports/agents?from=2026-12-07T00%3A00%3A00Z&to=2026-12-08T00%3A00%3A00Z&interval=1d&timeZone=UTC", agents.ApiUrl());
        Assert.Contains("queue=sales", agents.PageUrl("queues"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_drill_down_covers_its_one_interval_up_to_the_next_boundary_in_the_zone()
    {
        // 25 October 2026: clocks go back in Europe/Amsterdam, so that day is 25 hours.
        var longDay = Parse(at: "2026-10-25T00:00:00+02:00", interval: "1d", zone: "Europe/Amsterdam", view: "conversations", queues: ["sales"], outcome: "abandoned");
        var week = Parse(at: "2026-03-23T00:00:00+01:00", interval: "1w", zone: "Europe/Amsterdam");
        var quarter = Parse(at: "2026-12-07T09:45:00+01:00", interval: "15m", zone: "Europe/Amsterdam");

        Assert.Equal(("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"), (Utc(longDay.From), Utc(longDay.To)));
        Assert.Equal("api/v1/reports/conversations?from=2026-10-24T22%3A00%3A00Z&to=2026-10-25T23%3A00%3A00Z&interval=1d&timeZone=Europe%2FAmsterdam&queue=sales&outcome=abandoned&format=csv",
            longDay.ApiUrl("csv"));
        Assert.Equal(("2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z"), (Utc(week.From), Utc(week.To)));
        Assert.Equal(("2026-12-07T08:45:00Z", "2026-12-07T09:00:00Z"), (Utc(quarter.From), Utc(quarter.To)));
        Assert.Equal("admin/reports/queues?at=2026-12-07T08%3A45%3A00Z&interval=15m&timeZone=Europe%2FAmsterdam", quarter.PageUrl("queues"));
    }

    [Fact]
    public void A_wrap_up_code_and_a_tag_narrow_the_conversations_only_and_what_the_api_would_refuse_is_left_out()
    {
        var narrowed = ReportPageQuery.Parse("conversations", "2026-12-07", "2026-12-07", "1d", "UTC", null, null, "answered", null, Now, " refund ", " VIP ");
        var queues = ReportPageQuery.Parse("queues", "2026-12-07", "2026-12-07", "1d", "UTC", null, null, null, null, Now, "refund", "vip");
        var markup = ReportPageQuery.Parse("conversations", null, null, null, null, null, null, null, null, Now, "<img src=x>", "<b>vip</b>");

        Assert.Equal(("refund", "vip"), (narrowed.WrapUpCode, narrowed.Tag));
        Assert.EndsWith("&outcome=answered&wrapUpCode=refund&tag=vip", narrowed.ApiUrl(), StringComparison.Ordinal);
        Assert.EndsWith("&outcome=answered&wrapUpCode=refund&tag=vip&format=csv", narrowed.ApiUrl("csv"), StringComparison.Ordinal);
        Assert.EndsWith("&wrapUpCode=refund&tag=vip", narrowed.TabUrl("conversations"), StringComparison.Ordinal);
        Assert.DoesNotContain("tag=", narrowed.TabUrl("queues"), StringComparison.Ordinal);
        Assert.DoesNotContain("wrapUpCode=", queues.ApiUrl(), StringComparison.Ordinal);
        Assert.Equal((null, null), (markup.WrapUpCode, markup.Tag));
        Assert.DoesNotContain("%3C", markup.ApiUrl(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_filter_a_page_shows_the_last_seven_days_by_day_in_UTC_and_ignores_what_it_cannot_read()
    {
        var plain = Parse();
        var odd = Parse("yesterday", "2026-12-02", "2h", "Mars/Olympus", view: "calls", outcome: "lost");
        var reversed = Parse("2026-12-05", "2026-12-01");

        Assert.Equal(("queues", "1d", "UTC"), (plain.View, plain.Interval, plain.Zone.Id));
        Assert.Equal(("2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z"), (Utc(plain.From), Utc(plain.To)));
        Assert.Equal(("queues", "1d", "UTC", null), (odd.View, odd.Interval, odd.Zone.Id, odd.Outcome));
        Assert.Equal(("2026-11-26T00:00:00Z", "2026-12-03T00:00:00Z"), (Utc(odd.From), Utc(odd.To)));
        Assert.Equal(("2026-12-01T00:00:00Z", "2026-12-06T00:00:00Z"), (Utc(reversed.From), Utc(reversed.To)));
    }
}
