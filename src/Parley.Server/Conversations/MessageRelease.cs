namespace Parley.Server.Conversations;

/// <summary>
/// Routes the messages left while their queue was closed once it opens: checked on the server's clock every
/// <see cref="Interval"/> (a calendar's opening, or an admin's change to it, is seen within that time).
/// </summary>
internal sealed partial class MessageRelease(MessageTasks messages, TimeProvider time, ILogger<MessageRelease> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await messages.ReleaseAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReleaseFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "Routing the messages left out of hours failed; the next check tries again")]
    private partial void LogReleaseFailed(Exception exception);
}
