using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

// Issue 21: the assignments of conversations (who held a chat, for history's visibility) and the search's indexes.
// The full-text indexes are not in the model: SQLite's FTS5 tables and PostgreSQL's GIN expression indexes are created
// by the migrations' SQL (Storage/SearchIndexSql).
public abstract partial class ParleyDbContext
{
    public DbSet<ConversationAssignmentRecord> ConversationAssignments => Set<ConversationAssignmentRecord>();

    private static void ConfigureHistory(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConversationAssignmentRecord>(a =>
        {
            a.ToTable("conversation_assignments");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedOnAdd();
            a.Property(x => x.Agent).HasMaxLength(64);
            a.Property(x => x.FromAgent).HasMaxLength(64);
            a.Property(x => x.Kind).HasMaxLength(16);
            a.HasOne<ConversationRecord>().WithMany().HasForeignKey(x => x.ConversationId);
            // "Conversations this agent held": the history's visibility and its agent filter.
            a.HasIndex(x => new { x.Agent, x.ConversationId });
            a.HasIndex(x => x.ConversationId);
        });

        // History lists newest first.
        modelBuilder.Entity<ConversationRecord>(c => c.HasIndex(x => x.StartedAt));
    }
}
