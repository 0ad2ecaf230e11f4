using Microsoft.Extensions.Options;

namespace Parley.Server.RoutingHost;

/// <summary>Lets routing time pass (offer time-outs) on the server's clock.</summary>
internal sealed partial class RoutingTicker(RoutingCoordinator routing, TimeProvider time, IOptions<RoutingHostOptions> options, ILogger<RoutingTicker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await routing.TickAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // One failed tick must not end the service (and with it the server): the next tick tries again.
                    LogTickFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "A routing tick failed; the next tick goes on")]
    private partial void LogTickFailed(Exception exception);
}
