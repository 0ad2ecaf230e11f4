using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Conversations;

/// <summary><c>Parley:WrapUp</c>: how long after a chat ended its agent may still change its wrap-up code and tags.</summary>
public sealed class WrapUpOptions
{
    public const string Section = "Parley:WrapUp";

    /// <summary>
    /// After this long from the end, the chat's code and tags are settled for its agent (reports stop moving); a
    /// supervisor of its queue or an admin may still correct them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ChangeWindow { get; set; } = TimeSpan.FromHours(24);
}
