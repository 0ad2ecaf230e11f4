using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

// Canned responses (issue 20): one table for the three scopes, one for the files uploaded to go with them.
public abstract partial class ParleyDbContext
{
    public DbSet<CannedResponseRecord> CannedResponses => Set<CannedResponseRecord>();
    public DbSet<CannedResponseFileRecord> CannedResponseFiles => Set<CannedResponseFileRecord>();

    private static void ConfigureCannedResponses(ModelBuilder modelBuilder)
    {
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
        // No foreign key from a response: the sweep of orphaned files removes a file and its row together.
        modelBuilder.Entity<CannedResponseFileRecord>(f =>
        {
            f.ToTable("canned_response_files");
            f.HasKey(x => x.Id);
            f.Property(x => x.UploadedBy).HasMaxLength(64);
            f.Property(x => x.Name).HasMaxLength(100);
            f.Property(x => x.ContentType).HasMaxLength(64);
        });
    }
}
