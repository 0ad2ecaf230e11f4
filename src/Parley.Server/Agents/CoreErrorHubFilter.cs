using Microsoft.AspNetCore.SignalR;
using Parley.Server.Transport;

namespace Parley.Server.Agents;

/// <summary>Turns a core failure into a hub error the client can show (other exceptions stay hidden).</summary>
internal sealed class CoreErrorHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (CoreException e)
        {
            throw new HubException(e.Message);
        }
    }
}
