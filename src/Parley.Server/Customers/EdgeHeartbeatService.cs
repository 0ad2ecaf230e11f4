using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>
/// The edge announces itself to the core every few seconds (name, site, version, its clock). When the core answers
/// again after an outage, or answers as a new instance (it restarted between two heartbeats), every customer here is told
/// to resync: events sent meanwhile may not have arrived, and a restarted core has forgotten what the widgets told it only
/// in memory (their page visibility, which they report again on a resync).
/// </summary>
internal sealed partial class EdgeHeartbeatService(
    ICoreClient core,
    CoreLink link,
    EdgeAvailability availability,
    IHubContext<CustomerHub, ICustomerClient> customers,
    TimeProvider time,
    IOptions<EdgeOptions> options,
    ILogger<EdgeHeartbeatService> logger) : BackgroundService
{
    public static readonly string Version =
        typeof(EdgeHeartbeatService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var edge = options.Value;
        using var timer = new PeriodicTimer(edge.HeartbeatInterval, time);
        try
        {
            do
            {
                var result = await core.RequestAsync(new EdgeHeartbeat(edge.Name, edge.Site, Version, edge.ExternalUrl, time.GetUtcNow()), stoppingToken);
                var answered = result.Failure is null;
                var hadAnswered = link.LastAnswer is not null;
                var restarted = answered && link.CoreRestarted(result.Value?.CoreInstance);
                if (link.Record(answered, time.GetUtcNow()))
                {
                    if (answered)
                    {
                        LogCoreReachable(edge.Name);
                        if (hadAnswered)
                        {
                            await customers.Clients.All.Resync();
                        }
                    }
                    else if (hadAnswered)
                    {
                        LogCoreUnreachable(edge.Name, result.Failure!.Detail);
                    }
                    else
                    {
                        // Started before the core (or the broker): expected, and said once.
                        LogWaitingForCore(edge.Name);
                    }
                }
                else if (restarted)
                {
                    LogCoreRestarted(edge.Name);
                    await customers.Clients.All.Resync();
                }

                // Availability changes sent while the core was out of reach may be lost: the whole snapshot again, once
                // the core answers (at start too). A failed ask is tried again at the next beat.
                if (!answered)
                {
                    availability.MarkStale();
                }
                else if (availability.Stale)
                {
                    await availability.RefreshAsync(core, afterHeartbeat: true, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Edge {Edge}: the core answers")]
    private partial void LogCoreReachable(string edge);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Edge {Edge}: the core does not answer ({Reason}); customers are asked to retry")]
    private partial void LogCoreUnreachable(string edge, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Edge {Edge}: the core restarted; customers are asked to resync")]
    private partial void LogCoreRestarted(string edge);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Edge {Edge}: waiting for the core (no answer yet); customers are asked to retry until it answers")]
    private partial void LogWaitingForCore(string edge);
}
