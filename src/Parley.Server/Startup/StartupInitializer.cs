using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Parley.Server.Accounts;
using Parley.Server.Admin;
using Parley.Server.Agents;
using Parley.Server.Calendars;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Demo;
using Parley.Server.Edges;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;

namespace Parley.Server.Startup;

/// <summary>
/// Runs before the server listens: applies migrations, writes configured queues and agents, seeds the demo
/// into an empty database, loads the catalogs and restores routing.
/// </summary>
internal sealed partial class StartupInitializer(
    IDbContextFactory<ParleyDbContext> db,
    IOptions<QueuesAndAgentsOptions> options,
    IConfiguration configuration,
    CalendarCatalog calendars,
    AnnouncementCatalog announcements,
    IOptions<DemoOptions> demo,
    IPasswordHasher<AgentRecord> hasher,
    QueueCatalog queues,
    AgentDirectory agents,
    AgentSessions sessions,
    PresenceAfterRestart presence,
    RoutingCoordinator routing,
    OpenConversations openConversations,
    AvailabilityPublisher availability,
    StartupReport report,
    TimeProvider time,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuredCalendars = ConfiguredCalendars.Read(configuration);
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            await CreateMigrationHistoryAsync(context, cancellationToken);
            await context.Database.MigrateAsync(cancellationToken);
            if (demo.Value.Enabled && !await context.Agents.AnyAsync(cancellationToken) && !await context.Queues.AnyAsync(cancellationToken))
            {
                var password = demo.Value.AgentPassword;
                if (string.IsNullOrEmpty(password))
                {
                    password = DemoData.GeneratePassword();
                    report.GeneratedDemoPassword = password;
                }

                context.Calendars.AddRange(DemoData.Calendars());
                foreach (var queue in DemoData.Queues())
                {
                    context.Queues.Add(queue);
                    await QueueWorkflows.StageAsync(context, queue, new QueueDefinition { Workflow = DemoData.WorkflowOf(queue.Name) }, time.GetUtcNow(), cancellationToken);
                }

                context.Agents.AddRange(DemoData.Agents(password, hasher));
                report.DemoSeeded = true;
                LogDemoSeeded();
            }
            else if (!string.IsNullOrEmpty(demo.Value.AgentPassword))
            {
                report.DemoPasswordIgnored = true;
            }

            await ApplyCalendarsAsync(context, configuredCalendars, cancellationToken);
            await ApplyConfiguredAsync(context, cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
        }

        await calendars.ReloadAsync(cancellationToken);
        await queues.ReloadAsync(cancellationToken);
        await announcements.ReloadAsync(cancellationToken);
        await agents.ReloadAsync(cancellationToken);
        await sessions.LoadAsync(cancellationToken);
        await presence.LoadAsync(cancellationToken);
        // A message left while its queue is closed waits outside routing until the opening (MessageTasks).
        var open = await openConversations.LoadAsync(cancellationToken);
        await routing.InitializeAsync([.. open.Where(c => c is not { Kind: ConversationKind.Message, State: ConversationState.Queued }
            || availability.For(c.Queue) is not { State: AvailabilityState.Closed })], cancellationToken);
        presence.StartGrace();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// On PostgreSQL, Migrate reads the history table without checking that it exists, and EF logs the failure of a new
    /// database's first read as an Error ("Failed executing DbCommand … __EFMigrationsHistory"; npgsql/efcore.pg#3407,
    /// dotnet/efcore#37328). Creating the table first (CREATE TABLE IF NOT EXISTS, what Migrate does next anyway) keeps
    /// that expected case quiet and every real command error an Error. A database that does not exist yet is left to Migrate.
    /// </summary>
    private static async Task CreateMigrationHistoryAsync(ParleyDbContext context, CancellationToken cancellationToken)
    {
        if (await context.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }
    }

    /// <summary>Configured calendars are created or replaced, as configured queues are (checked by <see cref="ConfiguredCalendars"/>).</summary>
    private static async Task ApplyCalendarsAsync(ParleyDbContext context, IReadOnlyList<CalendarDefinition> configured, CancellationToken cancellationToken)
    {
        foreach (var definition in configured)
        {
            var calendar = await context.Calendars.FindAsync([definition.Name], cancellationToken);
            if (calendar is null)
            {
                calendar = new CalendarRecord { Name = definition.Name, TimeZone = definition.TimeZone };
                context.Calendars.Add(calendar);
            }

            calendar.Apply(definition);
        }
    }

    /// <summary>
    /// Configuration is the source of truth for the queues and agents it names: they are created or replaced with the
    /// admin API's rules. References (agents' queues, overflow targets) may point at queues in the database too, so
    /// they are checked here rather than by <see cref="QueuesAndAgentsOptionsValidator"/>.
    /// </summary>
    private async Task ApplyConfiguredAsync(ParleyDbContext context, CancellationToken cancellationToken)
    {
        var configured = options.Value;
        if (configured.Queues.Count == 0 && configured.Agents.Count == 0)
        {
            return;
        }

        // The queues there will be: stored (and demo) ones, then configured ones over them.
        var targets = await context.Queues.AsNoTracking().ToDictionaryAsync(q => q.Name, q => q.OverflowQueue, StringComparer.Ordinal, cancellationToken);
        foreach (var queue in context.Queues.Local)
        {
            targets[queue.Name] = queue.OverflowQueue;
        }

        foreach (var q in configured.Queues)
        {
            targets[q.Name] = string.IsNullOrEmpty(q.OverflowQueue) ? null : q.OverflowQueue;
        }

        // The calendars there will be: stored ones and those added above (configured or demo).
        var calendarNames = (await context.Calendars.AsNoTracking().Select(c => c.Name).ToListAsync(cancellationToken))
            .Concat(context.Calendars.Local.Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (q, i) in configured.Queues.Select((q, i) => (q, i)))
        {
            failures.AddRange(QueuesAndAgentsOptionsValidator.Describe($"Parley:Queues:{i}", AdminValidation.ValidateQueue(q, targets, calendarNames.Contains)));
        }

        foreach (var (a, i) in configured.Agents.Select((a, i) => (a, i)))
        {
            failures.AddRange(QueuesAndAgentsOptionsValidator.Describe($"Parley:Agents:{i}", AdminValidation.ValidateAgent(a, creating: true, targets.ContainsKey)));
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(QueuesAndAgentsOptions.Section, typeof(QueuesAndAgentsOptions), failures);
        }

        foreach (var q in configured.Queues)
        {
            var queue = await context.Queues.FindAsync([q.Name], cancellationToken);
            if (queue is null)
            {
                queue = new QueueRecord { Name = q.Name, DisplayName = q.DisplayName };
                context.Queues.Add(queue);
            }

            QueueMapping.Apply(q, queue);
            await QueueWorkflows.StageAsync(context, queue, q, time.GetUtcNow(), cancellationToken);
        }

        foreach (var a in configured.Agents)
        {
            var agent = await context.Agents.FindAsync([a.Username], cancellationToken);
            if (agent is null)
            {
                agent = new AgentRecord { Username = a.Username, DisplayName = a.DisplayName, PasswordHash = "" };
                context.Agents.Add(agent);
            }

            var rolesBefore = agent.Roles.ToList();
            AgentMapping.Apply(a, agent);
            var password = a.Password ?? "";
            var passwordChanged = agent.PasswordHash.Length > 0 && hasher.VerifyHashedPassword(agent, agent.PasswordHash, password) == PasswordVerificationResult.Failed;
            if (agent.PasswordHash.Length == 0 || passwordChanged)
            {
                agent.PasswordHash = hasher.HashPassword(agent, password);
            }

            // Configuration changed the password or took a role away: the account's sign-ins end, as with the admin API.
            if (passwordChanged || rolesBefore.Except(agent.Roles).Any())
            {
                context.AgentSessions.RemoveRange(await context.AgentSessions.Where(s => s.Username == a.Username).ToListAsync(cancellationToken));
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Empty database: seeded the demo queues (support, sales, billing with the office-hours calendar) and agents (alice, bob, admin)")]
    private partial void LogDemoSeeded();
}
