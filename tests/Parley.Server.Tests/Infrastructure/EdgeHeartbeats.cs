using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Customers;
using Parley.Server.Edges;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>The in-process edge's heartbeat in a server on a <see cref="FakeTimeProvider"/>: heard, stopped, started again.</summary>
public sealed class EdgeHeartbeats(ParleyServer server, FakeTimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5); // the default

    /// <summary>Three heartbeats missed, and a second: the core counts the edge as offline.</summary>
    public static readonly TimeSpan PastThree = (Interval * 3) + TimeSpan.FromSeconds(1);

    private EdgeHeartbeatService Service => server.Services.GetServices<IHostedService>().OfType<EdgeHeartbeatService>().Single();

    /// <summary>The edge's first heartbeat may go out before the core takes requests; the next one, a turn of the clock later, is heard.</summary>
    public async Task HeardAsync()
    {
        var directory = server.Services.GetRequiredService<EdgeDirectory>();
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        directory.Changed += () => heard.TrySetResult();
        if (directory.List().Count == 0)
        {
            time.Advance(Interval);
            await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The edge stops announcing itself (its process hangs, its link to the broker is cut…).</summary>
    public Task StopAsync() => Service.StopAsync(CancellationToken.None);

    /// <summary>The edge is back: it announces itself at once.</summary>
    public Task StartAsync() => Service.StartAsync(CancellationToken.None);
}
