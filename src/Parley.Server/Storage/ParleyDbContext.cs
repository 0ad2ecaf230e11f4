using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Parley.Server.Calendars;

namespace Parley.Server.Storage;

/// <summary>
/// The database of the core. The rest of the code uses this type (through <c>IDbContextFactory&lt;ParleyDbContext&gt;</c>);
/// the instances are of one provider's derived type, <see cref="SqliteParleyDbContext"/> or
/// <see cref="PostgresParleyDbContext"/>, each with its own migrations (Migrations/Sqlite, Migrations/Postgres).
/// </summary>
public abstract partial class ParleyDbContext : DbContext
{
    protected ParleyDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<MessageRecord> Messages => Set<MessageRecord>();
    public DbSet<AgentRecord> Agents => Set<AgentRecord>();
    public DbSet<QueueRecord> Queues => Set<QueueRecord>();
    public DbSet<AgentSessionRecord> AgentSessions => Set<AgentSessionRecord>();
    public DbSet<MailRecord> Mail => Set<MailRecord>();
    public DbSet<CalendarRecord> Calendars => Set<CalendarRecord>();
    public DbSet<RatingRecord> Ratings => Set<RatingRecord>();
    public DbSet<TranscriptRecord> Transcripts => Set<TranscriptRecord>();
    public DbSet<QueueWorkflowRecord> QueueWorkflows => Set<QueueWorkflowRecord>();
    public DbSet<AnnouncementRecord> Announcements => Set<AnnouncementRecord>();
    public DbSet<ReportEventRecord> ReportEvents => Set<ReportEventRecord>();
    public DbSet<ReportProjectionRecord> ReportProjections => Set<ReportProjectionRecord>();
    public DbSet<WallboardKeyRecord> WallboardKeys => Set<WallboardKeyRecord>();
    public DbSet<ReportConversationRecord> ReportConversations => Set<ReportConversationRecord>();
    public DbSet<ReportQueueIntervalRecord> ReportQueueIntervals => Set<ReportQueueIntervalRecord>();
    public DbSet<ReportAgentIntervalRecord> ReportAgentIntervals => Set<ReportAgentIntervalRecord>();
    public DbSet<ReportAgentReasonRecord> ReportAgentReasons => Set<ReportAgentReasonRecord>();
    public DbSet<ReportAgentStateRecord> ReportAgentStates => Set<ReportAgentStateRecord>();
    public DbSet<ReportAgentSignInRecord> ReportAgentSignIns => Set<ReportAgentSignInRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConversationRecord>(c =>
        {
            c.ToTable("conversations");
            c.HasKey(x => x.Id);
            c.Property(x => x.Queue).HasMaxLength(64);
            c.Property(x => x.StartQueue).HasMaxLength(64);
            c.Property(x => x.CustomerName).HasMaxLength(100);
            c.Property(x => x.CustomerEmail).HasMaxLength(254);
            c.Property(x => x.AgentUsername).HasMaxLength(64);
            c.Property(x => x.EndedBy).HasMaxLength(16);
            c.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.Answers).HasConversion(Json<Dictionary<string, string>>()).Metadata.SetValueComparer(JsonComparer<Dictionary<string, string>>());
            c.Property(x => x.VisitorId).HasMaxLength(64);
            c.Property(x => x.TimeZone).HasMaxLength(64);
            c.HasIndex(x => new { x.State, x.AgentUsername });
            c.HasIndex(x => new { x.VisitorId, x.EndedAt });
            c.HasMany(x => x.Messages).WithOne().HasForeignKey(m => m.ConversationId);
        });

        modelBuilder.Entity<MessageRecord>(m =>
        {
            m.ToTable("messages");
            m.HasKey(x => new { x.ConversationId, x.Seq });
            m.Property(x => x.Sender).HasConversion<string>().HasMaxLength(16);
            m.Property(x => x.SenderName).HasMaxLength(100);
            m.Property(x => x.Text).HasMaxLength(4000);
            m.Property(x => x.ClientMessageId).HasMaxLength(64);
            m.HasIndex(x => new { x.ConversationId, x.ClientMessageId }).IsUnique();
            m.Property(x => x.AttachmentName).HasMaxLength(100);
            m.Property(x => x.AttachmentType).HasMaxLength(64);
            // The orphaned-file sweep asks which stored files a message refers to: without it, a scan of every message per batch.
            m.HasIndex(x => x.AttachmentId);
        });

        modelBuilder.Entity<AgentRecord>(a =>
        {
            a.ToTable("agents");
            a.HasKey(x => x.Username);
            a.Property(x => x.Username).HasMaxLength(64);
            a.Property(x => x.DisplayName).HasMaxLength(100);
            a.Property(x => x.Roles).HasConversion(Json<List<string>>()).Metadata.SetValueComparer(JsonComparer<List<string>>());
            a.Property(x => x.Queues).HasConversion(Json<List<string>>()).Metadata.SetValueComparer(JsonComparer<List<string>>());
            a.Property(x => x.SupervisedQueues).HasConversion(Json<List<string>>()).Metadata.SetValueComparer(JsonComparer<List<string>>());
            a.Property(x => x.QueuePriorities).HasConversion(Json<Dictionary<string, int>>()).Metadata.SetValueComparer(JsonComparer<Dictionary<string, int>>());
            a.Property(x => x.Skills).HasConversion(Json<Dictionary<string, int>>()).Metadata.SetValueComparer(JsonComparer<Dictionary<string, int>>());
            a.Property(x => x.LastPresence).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.LastPresenceReason).HasMaxLength(100);
        });

        modelBuilder.Entity<AgentSessionRecord>(s =>
        {
            s.ToTable("agent_sessions");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).HasMaxLength(32);
            s.Property(x => x.Username).HasMaxLength(64);
            s.Property(x => x.Kind).HasMaxLength(16);
            s.HasIndex(x => x.Username);
        });

        modelBuilder.Entity<QueueRecord>(q =>
        {
            q.ToTable("queues");
            q.HasKey(x => x.Name);
            q.Property(x => x.Name).HasMaxLength(64);
            q.Property(x => x.DisplayName).HasMaxLength(100);
            q.Property(x => x.Welcome).HasMaxLength(500);
            q.Property(x => x.Questions).HasConversion(Json<List<PreChatQuestion>>()).Metadata.SetValueComparer(JsonComparer<List<PreChatQuestion>>());
            q.Property(x => x.RequiredSkills).HasConversion(Json<List<SkillRequirementRecord>>()).Metadata.SetValueComparer(JsonComparer<List<SkillRequirementRecord>>());
            q.Property(x => x.AnswerRules).HasConversion(Json<List<AnswerRuleRecord>>()).Metadata.SetValueComparer(JsonComparer<List<AnswerRuleRecord>>());
            q.Property(x => x.AttachmentTypes).HasConversion(Json<List<string>>()).Metadata.SetValueComparer(JsonComparer<List<string>>());
            q.Property(x => x.Relaxation).HasConversion(Json<List<RelaxationStepRecord>>()).Metadata.SetValueComparer(JsonComparer<List<RelaxationStepRecord>>());
            q.Property(x => x.OverflowQueue).HasMaxLength(64);
            q.Property(x => x.Strategy).HasConversion<string>().HasMaxLength(32);
            q.Property(x => x.Calendar).HasMaxLength(64);
            q.Property(x => x.ClosedPolicy).HasConversion<string>().HasMaxLength(16);
            q.Property(x => x.NoAgentsPolicy).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<QueueWorkflowRecord>(w =>
        {
            w.ToTable("queue_workflows");
            w.HasKey(x => new { x.Queue, x.Version });
            w.Property(x => x.Queue).HasMaxLength(64);
        });

        modelBuilder.Entity<CalendarRecord>(c =>
        {
            c.ToTable("calendars");
            c.HasKey(x => x.Name);
            c.Property(x => x.Name).HasMaxLength(64);
            c.Property(x => x.TimeZone).HasMaxLength(64);
            c.Property(x => x.Weekly).HasConversion(Json<List<WeeklyHours>>()).Metadata.SetValueComparer(JsonComparer<List<WeeklyHours>>());
            c.Property(x => x.Exceptions).HasConversion(Json<List<CalendarException>>()).Metadata.SetValueComparer(JsonComparer<List<CalendarException>>());
            c.Property(x => x.Holidays).HasConversion(Json<List<Holiday>>()).Metadata.SetValueComparer(JsonComparer<List<Holiday>>());
        });

        modelBuilder.Entity<AnnouncementRecord>(a =>
        {
            a.ToTable("announcements");
            a.HasKey(x => x.Id);
            a.Property(x => x.Queue).HasMaxLength(64);
            a.Property(x => x.Text).HasMaxLength(500);
            a.HasIndex(x => x.Queue);
            a.HasOne<QueueRecord>().WithMany().HasForeignKey(x => x.Queue).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MailRecord>(m =>
        {
            m.ToTable("mail_outbox");
            m.HasKey(x => x.Id);
            m.Property(x => x.To).HasMaxLength(254);
            m.Property(x => x.ToName).HasMaxLength(100);
            m.Property(x => x.Subject).HasMaxLength(200);
            m.Property(x => x.ReplyTo).HasMaxLength(254);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            m.Property(x => x.LastError).HasMaxLength(500);
            m.HasIndex(x => new { x.Status, x.Id });
            m.HasIndex(x => x.ConversationId);
        });

        modelBuilder.Entity<RatingRecord>(r =>
        {
            r.ToTable("ratings", t => t.HasCheckConstraint("CK_ratings_Rating", "\"Rating\" BETWEEN 1 AND 5"));
            r.HasKey(x => x.ConversationId); // one rating per conversation
            r.Property(x => x.Comment).HasMaxLength(1000);
            r.Property(x => x.Queue).HasMaxLength(64);
            r.Property(x => x.AgentUsername).HasMaxLength(64);
            r.HasOne<ConversationRecord>().WithMany().HasForeignKey(x => x.ConversationId);
            r.HasIndex(x => new { x.Queue, x.RatedAt });
            r.HasIndex(x => new { x.AgentUsername, x.RatedAt });
        });

        modelBuilder.Entity<ReportEventRecord>(e =>
        {
            e.ToTable("report_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.Agent).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(100);
            e.Property(x => x.Target).HasMaxLength(64);
            e.Property(x => x.Site).HasMaxLength(64);
            e.Property(x => x.Edge).HasMaxLength(64);
            e.Property(x => x.Medium).HasMaxLength(16);
            e.Property(x => x.Presence).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            // Drill-down and export read by time; a conversation's facts by its id. Projections read by Id (the key).
            e.HasIndex(x => x.At);
            e.HasIndex(x => x.ConversationId);
            // Each agent's last state at start-up (AgentFacts.LoadAsync) without reading the whole log.
            e.HasIndex(x => new { x.Agent, x.Id }).HasFilter("\"Presence\" IS NOT NULL").HasDatabaseName("IX_report_events_AgentState");
        });

        modelBuilder.Entity<ReportProjectionRecord>(p =>
        {
            p.ToTable("report_projections");
            p.HasKey(x => x.Name);
            p.Property(x => x.Name).HasMaxLength(32);
        });

        modelBuilder.Entity<WallboardKeyRecord>(k =>
        {
            k.ToTable("wallboard_keys");
            k.HasKey(x => x.Id);
            k.Property(x => x.Name).HasMaxLength(100);
            k.Property(x => x.SecretHash).HasMaxLength(64);
            k.Property(x => x.CreatedBy).HasMaxLength(64);
            k.HasIndex(x => x.SecretHash).IsUnique();
        });
        ConfigureQueueReports(modelBuilder);
        ConfigureAgentReports(modelBuilder);
        ConfigureCannedResponses(modelBuilder);
        ConfigureCustomerContext(modelBuilder);
        ConfigureNotes(modelBuilder);
        ConfigureAudit(modelBuilder);
        ConfigureHistory(modelBuilder);

        modelBuilder.Entity<TranscriptRecord>(t =>
        {
            t.ToTable("transcripts", table => table.HasCheckConstraint("CK_transcripts_Number", $"\"Number\" BETWEEN {TranscriptRecord.Automatic} AND {TranscriptRecord.MaxRequested}"));
            t.HasKey(x => new { x.ConversationId, x.Number }); // the limit per conversation, kept by the database
            t.HasOne<ConversationRecord>().WithMany().HasForeignKey(x => x.ConversationId);
            t.HasOne(x => x.Mail).WithMany().HasForeignKey(x => x.MailId);
        });
    }

    // Small owned lists are stored as JSON text: portable across SQLite and PostgreSQL and never queried inside.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Json<T>() where T : new() =>
        new(v => JsonSerializer.Serialize(v, JsonOptions), s => JsonSerializer.Deserialize<T>(s, JsonOptions) ?? new T());

    private static ValueComparer<T> JsonComparer<T>() where T : new() =>
        new(
            (a, b) => JsonSerializer.Serialize(a, JsonOptions) == JsonSerializer.Serialize(b, JsonOptions),
            v => JsonSerializer.Serialize(v, JsonOptions).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonOptions), JsonOptions) ?? new T());
}
