namespace Parley.Server.Conversations;

/// <summary>
/// Routes the messages left while their queue was closed once it opens: at the earliest opening among the queues that
/// hold messages (on the server's clock), and at least every <see cref="Interval"/> (so an admin's change to a calendar
/// or a queue is seen within that time).
/// </summary>
internal sealed partial class MessageRelease(MessageTasks messages, TimeProvider time, ILogger<MessageRelease> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var wait = Interval;
                try
                {
                    await messages.ReleaseAsync(stoppingToken);
                    if (await messages.NextReleaseAsync(stoppingToken) is { } opening && opening - time.GetUtcNow() < wait)
                    {
                        // A moment after the opening; never a busy loop, should a calendar say it opens now.
                        wait = TimeSpan.FromTicks(Math.Max((opening - time.GetUtcNow()).Ticks, MinimumWait.Ticks));
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReleaseFailed(e);
                }

                // Until then, or until a message is held (its queue may open sooner than the one waited for).
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(Task.Delay(wait, time, either.Token), messages.HeldSinceAsync(either.Token));
                await either.CancelAsync();
                stoppingToken.ThrowIfCancellationRequested();
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
