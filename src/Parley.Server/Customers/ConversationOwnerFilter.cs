using Parley.Server.Contracts;
using Parley.Server.Hosting.Errors;

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
            return new CoreFailure(CoreError.Forbidden, "This token is for another conversation.").ToProblem(http);
        }

        return await next(context);
    }
}
