using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.ReportBench.Loading;
using Parley.Server.Accounts;
using Parley.Server.Reporting;
using Parley.Server.Storage;

namespace Parley.ReportBench.Timing;

/// <summary>
/// The product's reporting, made as the server makes it (its projections, its named queries, pooled contexts of the
/// chosen provider), on a benchmark database, with the server's clock fixed at <paramref name="now"/>.
/// </summary>
public sealed class ProductReports(BenchDatabase database, DateTimeOffset now)
{
    private readonly IDbContextFactory<ParleyDbContext> _contexts = database.Contexts();
    private readonly FixedClock _clock = new(now);
    private AgentDirectory? _directory;

    public DateTimeOffset Now => now;

    public QueueReports Queues => new(_contexts);

    public AgentReports Agents => new(_contexts, _directory ?? throw new InvalidOperationException("Load the agent directory first."), Options.Create(new ReportingOptions()), _clock);

    public async Task LoadDirectoryAsync(CancellationToken cancellationToken)
    {
        _directory = new AgentDirectory(_contexts, new PasswordHasher<AgentRecord>());
        await _directory.ReloadAsync(cancellationToken);
    }

    /// <summary>Both projections fold the whole log (each from its position), one after the other; how long each took.</summary>
    public async Task<(TimeSpan Queues, TimeSpan Agents)> CatchUpAsync(CancellationToken cancellationToken) =>
        (await CatchUpQueuesAsync(cancellationToken), await CatchUpAgentsAsync(cancellationToken));

    public async Task<TimeSpan> CatchUpQueuesAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var queues = new QueueProjection(_contexts, new ReportLogSignal(), _clock, NullLogger<QueueProjection>.Instance);
        await queues.CatchUpAsync(cancellationToken);
        return clock.Elapsed;
    }

    public async Task<TimeSpan> CatchUpAgentsAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await new AgentProjection(_contexts, NullLogger<AgentProjection>.Instance).CatchUpAsync(cancellationToken);
        return clock.Elapsed;
    }
}
