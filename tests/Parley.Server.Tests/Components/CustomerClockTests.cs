using Parley.Server.Components.Desk;

namespace Parley.Server.Tests.Components;

/// <summary>The customer's local time in the panel: from their zone (daylight saving included), else their browser's offset.</summary>
public sealed class CustomerClockTests
{
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Winter = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_zone_gives_the_local_time_with_daylight_saving()
    {
        Assert.Equal("14:00 (Europe/Paris, UTC+02:00)", CustomerClock.LocalTime("Europe/Paris", 60, Summer));
        Assert.Equal("13:00 (Europe/Paris, UTC+01:00)", CustomerClock.LocalTime("Europe/Paris", 60, Winter));
        Assert.Equal("08:30 (America/St_Johns, UTC−02:30)", CustomerClock.LocalTime("America/St_Johns", null, Summer.AddMinutes(-60)));
    }

    [Fact]
    public void Without_a_zone_the_offset_does_and_without_either_nothing_is_said()
    {
        Assert.Equal("17:30 (UTC+05:30)", CustomerClock.LocalTime(null, 330, Winter));
        Assert.Equal("07:00 (UTC−05:00)", CustomerClock.LocalTime("Not/AZone", -300, Winter));
        Assert.Null(CustomerClock.LocalTime(null, null, Winter));
    }

    [Fact]
    public void Each_visibility_has_its_words() =>
        Assert.Equal(
            ["On the page", "Tab hidden", "Left the page", "Not known"],
            [CustomerClock.Visibility(PageVisibility.Visible), CustomerClock.Visibility(PageVisibility.Hidden), CustomerClock.Visibility(PageVisibility.Left), CustomerClock.Visibility(null)]);
}
