using System.Collections.Immutable;
using Parley.Server.Contracts;

namespace Parley.Server.Conversations;

/// <summary>
/// A chat's page visibility as each edge reports it (a customer may have tabs on two edges of a split deployment), and
/// combined: on the page when a tab on any edge is visible, hidden when tabs are open but none is visible, left only
/// when no edge has one open. <see cref="Since"/> is when the combined visibility last changed.
/// </summary>
internal sealed record CustomerPageState(ImmutableDictionary<string, PageVisibility> Edges, DateTimeOffset Since)
{
    private static readonly ImmutableDictionary<string, PageVisibility> None = ImmutableDictionary.Create<string, PageVisibility>(StringComparer.Ordinal);

    public PageVisibility Visibility => Combine(Edges.Values);

    /// <summary>The first report about a chat.</summary>
    public static CustomerPageState First(string edge, PageVisibility visibility, DateTimeOffset now) =>
        new(visibility == PageVisibility.Left ? None : None.SetItem(edge, visibility), now);

    /// <summary>With <paramref name="edge"/>'s report ("left": no tab open there any more).</summary>
    public CustomerPageState With(string edge, PageVisibility visibility, DateTimeOffset now) =>
        Next(visibility == PageVisibility.Left ? Edges.Remove(edge) : Edges.SetItem(edge, visibility), now);

    /// <summary>Without <paramref name="edge"/>'s reports; null when no edge is left to say anything (unknown).</summary>
    public CustomerPageState? Without(string edge, DateTimeOffset now) =>
        Edges.Remove(edge) is { Count: > 0 } rest ? Next(rest, now) : null;

    public static PageVisibility Combine(IEnumerable<PageVisibility> edges)
    {
        var combined = PageVisibility.Left;
        foreach (var visibility in edges)
        {
            if (visibility == PageVisibility.Visible)
            {
                return visibility;
            }

            combined = visibility;
        }

        return combined;
    }

    // The time moves only when what the agent sees changes: a report repeated after a reconnect keeps the first time.
    private CustomerPageState Next(ImmutableDictionary<string, PageVisibility> edges, DateTimeOffset now) =>
        Combine(edges.Values) == Visibility ? this with { Edges = edges } : new(edges, now);
}
