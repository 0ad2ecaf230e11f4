using Microsoft.Extensions.Options;

namespace Parley.Server.RoutingHost;

/// <summary>
/// Once per interval (1 s by default) pushes queue positions and wait estimates that changed: a customer hears at
/// most once per interval, however busy the queue.
/// </summary>
internal sealed partial class QueueStandingPublisher(RoutingCoordinator routing, TimeProvider time, IOptions<RoutingHostOptions> options, ILogger<QueueStandingPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StandingInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await routing.PublishStandingsAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Publishing queue standings failed")]
    private partial void LogFailed(Exception exception);
}
