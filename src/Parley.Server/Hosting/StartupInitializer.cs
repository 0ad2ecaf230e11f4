using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Agents;
using Parley.Server.Demo;
using Parley.Server.Queues;
using Parley.Server.Routing;
using Parley.Server.Storage;

namespace Parley.Server.Hosting;

/// <summary>
/// Runs before the server listens: applies migrations, writes configured queues and agents, seeds the demo
/// into an empty database, loads the catalogs and restores routing.
/// </summary>
internal sealed partial class StartupInitializer(
    IDbContextFactory<ParleyDbContext> db,
    IOptions<ParleyOptions> options,
    IPasswordHasher<AgentRecord> hasher,
    QueueCatalog queues,
    AgentDirectory agents,
    RoutingCoordinator routing,
    StartupReport report,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            await context.Database.MigrateAsync(cancellationToken);
            if (options.Value.Demo.Enabled && !await context.Agents.AnyAsync(cancellationToken) && !await context.Queues.AnyAsync(cancellationToken))
            {
                var password = options.Value.Demo.AgentPassword;
                if (string.IsNullOrEmpty(password))
                {
                    password = DemoData.GeneratePassword();
                    report.GeneratedDemoPassword = password;
                }

                context.Queues.AddRange(DemoData.Queues());
                context.Agents.AddRange(DemoData.Agents(password, hasher));
                report.DemoSeeded = true;
                LogDemoSeeded();
            }

            await ApplyConfiguredAsync(context, cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
        }

        await queues.ReloadAsync(cancellationToken);
        await agents.ReloadAsync(cancellationToken);
        await routing.InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Configuration is the source of truth for the queues and agents it names.</summary>
    private async Task ApplyConfiguredAsync(ParleyDbContext context, CancellationToken cancellationToken)
    {
        foreach (var q in options.Value.Queues)
        {
            var queue = await context.Queues.FindAsync([q.Name], cancellationToken);
            if (queue is null)
            {
                queue = new QueueRecord { Name = q.Name, DisplayName = q.DisplayName };
                context.Queues.Add(queue);
            }

            queue.DisplayName = q.DisplayName;
            queue.Welcome = q.Welcome;
            queue.OfferTimeoutSeconds = q.OfferTimeoutSeconds;
            queue.Questions = [.. q.Questions.Select(x => new PreChatQuestion { Id = x.Id, Label = x.Label, Type = x.Type, Options = x.Options, Required = x.Required })];
        }

        foreach (var a in options.Value.Agents)
        {
            var agent = await context.Agents.FindAsync([a.Username], cancellationToken);
            if (agent is null)
            {
                agent = new AgentRecord { Username = a.Username, DisplayName = a.DisplayName, PasswordHash = "" };
                context.Agents.Add(agent);
            }

            agent.DisplayName = a.DisplayName;
            agent.Roles = [.. a.Roles];
            agent.Queues = [.. a.Queues];
            agent.Capacity = a.Capacity;
            if (agent.PasswordHash.Length == 0 || hasher.VerifyHashedPassword(agent, agent.PasswordHash, a.Password) == PasswordVerificationResult.Failed)
            {
                agent.PasswordHash = hasher.HashPassword(agent, a.Password);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Empty database: seeded the demo queues (support, sales) and agents (alice, bob, admin)")]
    private partial void LogDemoSeeded();
}

/// <summary>What start-up did that the banner should tell the person who started the server.</summary>
internal sealed class StartupReport
{
    public bool DemoSeeded { get; set; }
    public string? GeneratedDemoPassword { get; set; }
}
