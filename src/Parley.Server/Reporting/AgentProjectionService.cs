using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// Runs <see cref="AgentProjection"/> on the core: at start, after every commit with facts (<see cref="ReportLogSignal"/>)
/// and at least every second. A failed fold is logged and tried again at the next wake.
/// </summary>
internal sealed partial class AgentProjectionService(AgentProjection projection, ReportLogSignal signal, ILogger<AgentProjectionService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wakes = signal.Subscribe();
        try
        {
            while (true)
            {
                try
                {
                    if (await projection.CatchUpAsync(stoppingToken) > 0)
                    {
                        // At most about one fold a second under load (see QueueProjection.FoldGap).
                        await Task.Delay(QueueProjection.FoldGap, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFoldFailed(e);
                }

                // The poll is real time: it is only the safety net for a missed wake, not part of any figure.
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(Poll);
                try
                {
                    await wakes.WaitToReadAsync(poll.Token);
                    wakes.TryRead(out _);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // A second without a wake: look anyway.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start carries on from the stored position.
        }
    }

    [LoggerMessage(EventId = 9202, Level = LogLevel.Warning, Message = "The agent projection could not fold the event log; it tries again")]
    private partial void LogFoldFailed(Exception exception);
}
