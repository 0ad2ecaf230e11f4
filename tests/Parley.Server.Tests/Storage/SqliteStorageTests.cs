using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The storage specification on SQLite (a temporary file per test), and what only SQLite has.</summary>
public sealed class SqliteStorageTests : StorageSpecification
{
    private const string FirstMigration = "20261123123354_Initial";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());

    [Fact]
    public void The_SQLite_migrations_keep_the_ids_that_existing_databases_have_applied()
    {
        using var context = Database.CreateContext();

        Assert.IsType<SqliteParleyDbContext>(context);
        Assert.Equal([FirstMigration, "20261123142617_RoutingSettings", "20261206160415_AgentSessions", "20261206170024_StartQueue", "20261206184054_AgentLastPresence", "20261206235537_DropLastSeq", "20261207024947_MailOutbox", "20261207025547_Calendars", "20261207032853_MessageKind", "20261207051757_QueueWorkflows", "20261207051906_Announcements", "20261207053538_RatingsAndTranscripts", "20261207075815_ReportEvents", "20261207080434_WallboardKeys", "20261207080534_AgentReports", "20261207080748_QueueReports", "20261207081016_ReportEventAgentState", "20261207100425_QueueInactivityClosed", "20261207113333_CannedResponses", "20261207113652_CustomerContext", "20261207113747_NotesWrapUpTags", "20261207122733_Attachments", "20261207155910_MessageAttachmentIndex", "20261207174947_CannedResponseFiles", "20261207175725_Supervision", "20261207175811_AuditLog", "20261207175825_History", "20261207183746_QueueRetention", "20261207215041_SupervisorsKeepTheirQueues"], context.Database.GetMigrations());
    }

    [Fact]
    public async Task A_SQLite_database_made_by_the_first_migration_upgrades_and_keeps_its_rows_and_its_supervisors_queues()
    {
        await using (var old = Database.CreateContext())
        {
            await old.GetService<IMigrator>().MigrateAsync(FirstMigration);

            // Rows as the first release wrote them (no routing columns yet).
            await old.Database.OpenConnectionAsync();
            await ScalarAsync(
                (SqliteConnection)old.Database.GetDbConnection(),
                """
                INSERT INTO queues (Name, DisplayName, Welcome, OfferTimeoutSeconds, Questions) VALUES ('support', 'Support', 'Hi!', 30, '[{"id":"topic","label":"Topic","type":"text","options":[],"required":true}]');
                INSERT INTO agents (Username, DisplayName, PasswordHash, Roles, Queues, Capacity) VALUES ('alice', 'Alice', 'hash', '["agent"]', '["support"]', 3);
                INSERT INTO agents (Username, DisplayName, PasswordHash, Roles, Queues, Capacity) VALUES ('sue', 'Sue', 'hash', '["agent","supervisor"]', '[]', 3);
                INSERT INTO conversations (Id, Queue, CustomerName, Answers, State, StartedAt, LastSeq) VALUES ('0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B', 'support', 'Ann', '{"topic":"An order"}', 'Queued', '2026-11-23 09:30:15.123456+00:00', 1);
                INSERT INTO messages (ConversationId, Seq, Sender, Text, SentAt) VALUES ('0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B', 1, 'System', 'Welcome!', '2026-11-23 09:30:15.123456+00:00');
                """);
        }

        await using var upgraded = Database.CreateContext();
        await upgraded.Database.MigrateAsync();

        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        var queue = await upgraded.Queues.AsNoTracking().SingleAsync();
        Assert.Equal(("Support", "topic", Parley.Routing.RoutingStrategy.LongestIdle, 0), (queue.DisplayName, queue.Questions.Single().Id, queue.Strategy, queue.AffinitySeconds));
        Assert.Empty(queue.RequiredSkills);
        var agent = await upgraded.Agents.AsNoTracking().SingleAsync(a => a.Username == "alice");
        Assert.Equal(["support"], agent.Queues);
        Assert.Empty(agent.SupervisedQueues);
        // A supervisor from before team scoping keeps seeing every queue there was.
        Assert.Equal(["support"], (await upgraded.Agents.AsNoTracking().SingleAsync(a => a.Username == "sue")).SupervisedQueues);
        Assert.Empty(agent.Skills);
        Assert.Equal((Parley.Routing.AgentPresence.Offline, (string?)null), (agent.LastPresence, agent.LastPresenceReason)); // as routing starts them
        var conversation = await upgraded.Conversations.AsNoTracking().Include(c => c.Messages).SingleAsync();
        Assert.Equal((T0, "An order", "Welcome!"), (conversation.StartedAt, conversation.Answers["topic"], conversation.Messages.Single().Text));
    }

    [Fact]
    public async Task SQLite_connections_use_WAL_and_full_synchronous_writes()
    {
        await using var context = await ContextAsync();
        await context.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)context.Database.GetDbConnection();

        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous"));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
