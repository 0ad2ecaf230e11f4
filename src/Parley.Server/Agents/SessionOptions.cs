using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Agents;

/// <summary><c>Parley:Sessions</c>: how long an agent's sign-in lasts, and how soon a change made elsewhere is seen.</summary>
public sealed class SessionOptions
{
    public const string Section = "Parley:Sessions";

    /// <summary>A desktop (cookie) sign-in ends after this long without use.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan DesktopIdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A desktop sign-in ends this long after it began, however much it is used.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan DesktopLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A bearer token (<c>POST /api/v1/agent/login</c>) ends this long after it was issued.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How often the core compares its sessions and passwords in memory with the database, so a change made by
    /// another process (<c>parley reset-password</c>) takes effect in a running core within this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RevalidateInterval { get; set; } = TimeSpan.FromSeconds(10);
}
