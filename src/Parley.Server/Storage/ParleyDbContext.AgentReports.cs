using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

/// <summary>The agent projection's tables (Reporting/AgentProjection).</summary>
public abstract partial class ParleyDbContext
{
    private static void ConfigureAgentReports(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportAgentIntervalRecord>(i =>
        {
            i.ToTable("report_agent_intervals");
            i.HasKey(x => new { x.Agent, x.BucketStart });
            i.Property(x => x.Agent).HasMaxLength(64);
            i.Property(x => x.HandleHistogram).HasMaxLength(200);
            i.Property(x => x.FirstResponseHistogram).HasMaxLength(200);
            // Reports of all agents read a time range in time order.
            i.HasIndex(x => new { x.BucketStart, x.Agent });
        });

        modelBuilder.Entity<ReportAgentReasonRecord>(r =>
        {
            r.ToTable("report_agent_reasons");
            r.HasKey(x => new { x.Agent, x.BucketStart, x.Presence, x.Reason });
            r.Property(x => x.Agent).HasMaxLength(64);
            r.Property(x => x.Presence).HasMaxLength(16);
            r.Property(x => x.Reason).HasMaxLength(100);
            r.HasIndex(x => x.BucketStart);
        });

        modelBuilder.Entity<ReportAgentStateRecord>(s =>
        {
            s.ToTable("report_agent_states");
            s.HasKey(x => x.Agent);
            s.Property(x => x.Agent).HasMaxLength(64);
            s.Property(x => x.Presence).HasMaxLength(16);
            s.Property(x => x.Reason).HasMaxLength(100);
            s.Property(x => x.Status).HasMaxLength(16);
        });

        modelBuilder.Entity<ReportAgentSignInRecord>(s =>
        {
            s.ToTable("report_agent_sign_ins");
            s.HasKey(x => new { x.Agent, x.SignedInAt });
            s.Property(x => x.Agent).HasMaxLength(64);
            s.HasIndex(x => x.SignedInAt);
        });
    }
}
