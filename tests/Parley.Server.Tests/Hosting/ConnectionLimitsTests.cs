using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>Kestrel's connection limits, derived from the descriptor limit unless configured.</summary>
public sealed class ConnectionLimitsTests
{
    [Fact]
    public void Derived_limits_leave_the_reserve_and_the_rest_of_the_share_to_the_process()
    {
        var limits = ConnectionLimits.From(new ConnectionLimitsOptions(), 20_000);

        Assert.True(limits.MaxConnections + limits.MaxUpgradedConnections <= 20_000 * 0.9 - ConnectionLimits.ReservedDescriptors);
        Assert.False(limits.Overcommitted);
        // HTTP keeps its own share: REST and health stay answerable while the WebSockets are full.
        Assert.InRange(limits.MaxConnections!.Value, 1_000, limits.MaxUpgradedConnections!.Value / 5);
    }

    [Fact]
    public void A_smaller_share_gives_smaller_limits()
    {
        var full = ConnectionLimits.From(new ConnectionLimitsOptions(), 20_000);
        var half = ConnectionLimits.From(new ConnectionLimitsOptions { DescriptorShare = 0.5 }, 20_000);

        Assert.True(half.MaxConnections + half.MaxUpgradedConnections <= 20_000 * 0.5 - ConnectionLimits.ReservedDescriptors);
        Assert.True(half.MaxUpgradedConnections < full.MaxUpgradedConnections);
    }

    [Fact]
    public void Without_a_descriptor_limit_nothing_is_capped_unless_configured()
    {
        Assert.Equal(new ConnectionLimits(null, null, null), ConnectionLimits.From(new ConnectionLimitsOptions(), null));
        Assert.Equal(new ConnectionLimits(null, 300, null), ConnectionLimits.From(new ConnectionLimitsOptions { MaxUpgradedConnections = 300 }, null));
    }

    [Fact]
    public void Configured_limits_win_and_are_flagged_when_they_leave_less_than_the_reserve()
    {
        var limits = ConnectionLimits.From(new ConnectionLimitsOptions { MaxConnections = 100, MaxUpgradedConnections = 50_000 }, 20_000);

        Assert.Equal((100L, 50_000L), (limits.MaxConnections!.Value, limits.MaxUpgradedConnections!.Value));
        Assert.True(limits.Overcommitted);
    }

    [Fact]
    public void A_descriptor_limit_below_the_reserve_still_gives_the_minimum_and_is_flagged()
    {
        var limits = ConnectionLimits.From(new ConnectionLimitsOptions(), 256);

        Assert.Equal((ConnectionLimits.Minimum, ConnectionLimits.Minimum), (limits.MaxConnections!.Value, limits.MaxUpgradedConnections!.Value));
        Assert.True(limits.Overcommitted);
    }

    [Fact]
    public async Task Configured_limits_reach_Kestrel()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Connections:MaxConnections"] = "123",
            ["Parley:Connections:MaxUpgradedConnections"] = "4567",
        });

        var kestrel = server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.Equal((123L, 4567L), (kestrel.Limits.MaxConcurrentConnections, kestrel.Limits.MaxConcurrentUpgradedConnections));
    }

    [Fact]
    public void A_limit_that_is_not_positive_stops_the_start_naming_the_setting()
    {
        var e = Assert.ThrowsAny<Exception>(() => new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Connections:MaxConnections"] = "0",
        }));

        Assert.Contains("Parley:Connections: ", Messages(e), StringComparison.Ordinal);
        Assert.Contains("MaxConnections", Messages(e), StringComparison.Ordinal);
    }

    private static string Messages(Exception e) =>
        e is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Messages))
            : e.InnerException is null ? e.Message : $"{e.Message} | {Messages(e.InnerException)}";
}
