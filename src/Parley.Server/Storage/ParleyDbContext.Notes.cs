using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

// Issue 20: internal notes, tags and wrap-up codes of conversations; the queue's wrap-up codes; the reported tags.
public abstract partial class ParleyDbContext
{
    public DbSet<ConversationNoteRecord> ConversationNotes => Set<ConversationNoteRecord>();
    public DbSet<ConversationTagRecord> ConversationTags => Set<ConversationTagRecord>();
    public DbSet<ConversationWrapUpRecord> ConversationWrapUps => Set<ConversationWrapUpRecord>();
    public DbSet<ReportConversationTagRecord> ReportConversationTags => Set<ReportConversationTagRecord>();

    private static void ConfigureNotes(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConversationNoteRecord>(n =>
        {
            n.ToTable("conversation_notes");
            // The key is the notes' own sequence: two notes can never take the same seq.
            n.HasKey(x => new { x.ConversationId, x.Seq });
            n.HasOne<ConversationRecord>().WithMany().HasForeignKey(x => x.ConversationId);
            n.Property(x => x.Author).HasMaxLength(64);
            n.Property(x => x.AuthorName).HasMaxLength(100);
            n.Property(x => x.TransferTo).HasMaxLength(64);
        });

        modelBuilder.Entity<ConversationTagRecord>(t =>
        {
            t.ToTable("conversation_tags");
            t.HasKey(x => new { x.ConversationId, x.Tag });
            t.HasOne<ConversationRecord>().WithMany().HasForeignKey(x => x.ConversationId);
            t.Property(x => x.Tag).HasMaxLength(32);
            t.Property(x => x.AddedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<ConversationWrapUpRecord>(w =>
        {
            w.ToTable("conversation_wrap_ups");
            w.HasKey(x => x.ConversationId);
            w.HasOne<ConversationRecord>().WithOne().HasForeignKey<ConversationWrapUpRecord>(x => x.ConversationId);
            w.Property(x => x.Code).HasMaxLength(32);
            w.Property(x => x.ChosenBy).HasMaxLength(64);
        });

        modelBuilder.Entity<ReportConversationTagRecord>(t =>
        {
            t.ToTable("report_conversation_tags");
            t.HasKey(x => new { x.ConversationId, x.Tag });
            t.Property(x => x.Tag).HasMaxLength(32);
            // The report's tag filter.
            t.HasIndex(x => x.Tag);
        });

        modelBuilder.Entity<QueueRecord>(q =>
            q.Property(x => x.WrapUpCodes).HasConversion(Json<List<WrapUpCodeRecord>>()).Metadata.SetValueComparer(JsonComparer<List<WrapUpCodeRecord>>()));
        modelBuilder.Entity<ReportConversationRecord>(c => c.Property(x => x.WrapUpCode).HasMaxLength(32));
    }
}
