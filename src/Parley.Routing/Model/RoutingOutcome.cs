namespace Parley.Routing;

/// <summary>The result of a command: the events to carry out, or why the command was refused.</summary>
public sealed record RoutingOutcome(IReadOnlyList<RoutingEvent> Events, RoutingError? Error = null)
{
    public bool Succeeded => Error is null;

    internal static RoutingOutcome Refused(RoutingError error) => new([], error);
}
