using Microsoft.Extensions.Options;
using Parley.Server.Accounts;

namespace Parley.Server.Agents;

/// <summary>
/// Every <see cref="SessionOptions.RevalidateInterval"/>, compares the sessions and passwords the core holds in memory
/// with the database, so what another process changed there (<c>parley reset-password</c> ends an account's sessions
/// and sets its password) holds in a running core within that bound, without a restart.
/// </summary>
internal sealed partial class AccountRevalidation(AgentSessions sessions, AgentDirectory directory, TimeProvider time, IOptions<SessionOptions> options, ILogger<AccountRevalidation> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidateInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await directory.RefreshIfChangedAsync(stoppingToken))
                    {
                        LogAccountsReloaded();
                    }

                    await sessions.RevalidateAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be briefly unreachable; the next round tries again.
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Agent accounts changed in the database by another process: reloaded")]
    private partial void LogAccountsReloaded();

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Comparing sessions and accounts with the database failed; the next round tries again")]
    private partial void LogFailed(Exception exception);
}
