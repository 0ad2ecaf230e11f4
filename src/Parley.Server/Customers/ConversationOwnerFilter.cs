namespace Parley.Server.Customers;

/// <summary>
/// A customer token opens its own conversation only: on every endpoint under <c>/conversations/{id}</c>, a token for
/// another conversation is refused (403) before the handler runs.
/// </summary>
internal sealed class ConversationOwnerFilter : IEndpointFilter
{
    public const string RouteValue = "id";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var requested = http.GetRouteValue(RouteValue) is string id && Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
        if (requested is null || http.User.ConversationId() != requested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This token is for another conversation.");
        }

        return await next(context);
    }
}
