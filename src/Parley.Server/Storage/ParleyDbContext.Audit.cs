using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

// Issue 21: the audit log of admin changes and supervisor actions.
public abstract partial class ParleyDbContext
{
    public DbSet<AuditEntryRecord> AuditEntries => Set<AuditEntryRecord>();

    private static void ConfigureAudit(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<AuditEntryRecord>(a =>
        {
            a.ToTable("audit_entries");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedOnAdd();
            a.Property(x => x.Actor).HasMaxLength(64);
            a.Property(x => x.Action).HasMaxLength(48);
            a.Property(x => x.Subject).HasMaxLength(120);
            // The admin page reads newest first within a time range, and one account's or one subject's entries.
            a.HasIndex(x => x.At);
            a.HasIndex(x => new { x.Actor, x.At });
            a.HasIndex(x => new { x.Subject, x.At });
        });
}
