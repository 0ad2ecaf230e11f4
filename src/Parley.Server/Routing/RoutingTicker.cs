using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Routing;

/// <summary>Lets routing time pass (offer time-outs) on the server's clock.</summary>
internal sealed class RoutingTicker(RoutingCoordinator routing, TimeProvider time, IOptions<ParleyOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Routing.TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await routing.TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
