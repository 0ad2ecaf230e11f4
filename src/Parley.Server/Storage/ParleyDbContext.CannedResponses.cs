using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

// Canned responses (issue 20): one table for the three scopes.
public abstract partial class ParleyDbContext
{
    public DbSet<CannedResponseRecord> CannedResponses => Set<CannedResponseRecord>();

    private static void ConfigureCannedResponses(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<CannedResponseRecord>(c =>
        {
            c.ToTable("canned_responses");
            c.HasKey(x => x.Id);
            c.Property(x => x.Scope).HasMaxLength(16);
            c.Property(x => x.Owner).HasMaxLength(64);
            c.Property(x => x.Shortcut).HasMaxLength(32);
            c.Property(x => x.Title).HasMaxLength(100);
            c.Property(x => x.Text).HasMaxLength(4000);
            c.Property(x => x.UpdatedBy).HasMaxLength(64);
            // One shortcut per scope and owner; the desk reads an agent's own, their queues' and the global ones by it.
            c.HasIndex(x => new { x.Scope, x.Owner, x.Shortcut }).IsUnique();
        });
}
