using Parley.Routing;

namespace Parley.Server.Contracts;

/// <summary>
/// The one place where the engine's <see cref="RoutingError"/> becomes the server's <see cref="CoreFailure"/>: the engine
/// stays free of the server's words, and every surface shows a refused routing command the same way.
/// </summary>
public static class RoutingFailures
{
    public static CoreFailure ToFailure(this RoutingError error) => new(KindOf(error), DetailOf(error));

    private static CoreError KindOf(RoutingError error) => error switch
    {
        RoutingError.UnknownAgent or RoutingError.UnknownConversation or RoutingError.UnknownQueue => CoreError.NotFound,
        _ => CoreError.Invalid,
    };

    private static string DetailOf(RoutingError error) => error switch
    {
        RoutingError.UnknownOffer => "This offer is no longer open.",
        RoutingError.OfferNotForThisAgent => "This offer was made to another agent.",
        RoutingError.UnknownAgent => "There is no such agent.",
        RoutingError.UnknownQueue => "There is no such queue.",
        RoutingError.UnknownConversation => "This conversation is no longer being routed.",
        RoutingError.NotQueued => "This chat is no longer waiting.",
        RoutingError.NotAssignedToAgent => "This conversation is not assigned to you.",
        RoutingError.AgentCannotTakeChat => "That agent cannot take a chat right now (not available, at capacity or busy elsewhere).",
        RoutingError.NotAllowed => "This is not allowed here (not a member of the queue, manual pick off, or the same agent).",
        RoutingError.TransferPending => "A transfer of this chat is already waiting for an answer.",
        RoutingError.QueueFull => "The queue is full.",
        _ => "The request could not be carried out.",
    };
}
