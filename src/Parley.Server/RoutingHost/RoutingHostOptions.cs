using System.ComponentModel.DataAnnotations;

namespace Parley.Server.RoutingHost;

/// <summary><c>Parley:Routing</c>: how the core runs the routing engine.</summary>
public sealed class RoutingHostOptions
{
    public const string Section = "Parley:Routing";

    public bool AwayAfterMissedOffer { get; set; } = true;

    /// <summary>How often offer time-outs are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often changed queue positions and wait estimates are pushed to customers (at most once per interval each).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StandingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An agent whose last desktop or hub connection closed is set Offline after this long (a reload is not a sign-out).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignOutAfterDisconnect { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The handle time the wait estimate assumes until a queue has closed chats of its own.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan DefaultHandleTime { get; set; } = TimeSpan.FromMinutes(4);
}
