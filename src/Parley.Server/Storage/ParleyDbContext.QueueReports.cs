using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

// The queue projection's tables (issue 19): one row per conversation, one per queue, 15-minute bucket, site, edge and medium.
public abstract partial class ParleyDbContext
{
    private static void ConfigureQueueReports(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportConversationRecord>(c =>
        {
            c.ToTable("report_conversations");
            c.HasKey(x => x.Id);
            c.Property(x => x.FirstQueue).HasMaxLength(64);
            c.Property(x => x.LastQueue).HasMaxLength(64);
            c.Property(x => x.Medium).HasMaxLength(16);
            c.Property(x => x.Site).HasMaxLength(64);
            c.Property(x => x.Edge).HasMaxLength(64);
            c.Property(x => x.Agent).HasMaxLength(64);
            c.Property(x => x.EndedBy).HasMaxLength(100);
            c.Property(x => x.Outcome).HasMaxLength(16);
            // The drill-down and the export read a time range, in order.
            c.HasIndex(x => x.QueuedAt);
        });

        modelBuilder.Entity<ReportQueueIntervalRecord>(i =>
        {
            i.ToTable("report_queue_intervals");
            i.HasKey(x => new { x.Queue, x.Bucket, x.Site, x.Edge, x.Medium });
            i.Property(x => x.Queue).HasMaxLength(64);
            i.Property(x => x.Site).HasMaxLength(64);
            i.Property(x => x.Edge).HasMaxLength(64);
            i.Property(x => x.Medium).HasMaxLength(16);
            // Reports read a time range of every queue.
            i.HasIndex(x => x.Bucket);
        });
    }
}
