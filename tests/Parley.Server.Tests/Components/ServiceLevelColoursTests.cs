using Parley.Server.Components.Wallboard;

namespace Parley.Server.Tests.Components;

/// <summary>The wallboard's colours: green at or above target, amber within 10 points below, red further below, as shown.</summary>
public sealed class ServiceLevelColoursTests
{
    [Theory]
    [InlineData(0.80, 0.80, ServiceLevelColour.Green)] // at target
    [InlineData(0.95, 0.80, ServiceLevelColour.Green)]
    [InlineData(0.796, 0.80, ServiceLevelColour.Green)] // shown as "80 %"
    [InlineData(0.794, 0.80, ServiceLevelColour.Amber)] // shown as "79 %"
    [InlineData(0.70, 0.80, ServiceLevelColour.Amber)] // exactly 10 points below
    [InlineData(0.69, 0.80, ServiceLevelColour.Red)]
    [InlineData(0.0, 0.80, ServiceLevelColour.Red)]
    [InlineData(1.0, 1.0, ServiceLevelColour.Green)]
    [InlineData(0.05, 0.10, ServiceLevelColour.Amber)]
    public void A_service_level_is_coloured_against_its_target(double level, double target, ServiceLevelColour expected) =>
        Assert.Equal(expected, ServiceLevelColours.Of(level, target));

    [Fact]
    public void Nothing_to_measure_has_no_colour_and_a_dash()
    {
        Assert.Equal(ServiceLevelColour.None, ServiceLevelColours.Of(null, 0.8));
        Assert.Equal(ServiceLevelColour.None, ServiceLevelColours.Of(double.NaN, 0.8));
        Assert.Equal("—", ServiceLevelColours.Percent(null));
        Assert.Equal("80 %", ServiceLevelColours.Percent(0.795));
        Assert.Equal(("sl-green", "sl-amber", "sl-red", "sl-none"),
            (ServiceLevelColours.ClassOf(ServiceLevelColour.Green), ServiceLevelColours.ClassOf(ServiceLevelColour.Amber),
             ServiceLevelColours.ClassOf(ServiceLevelColour.Red), ServiceLevelColours.ClassOf(ServiceLevelColour.None)));
    }
}
