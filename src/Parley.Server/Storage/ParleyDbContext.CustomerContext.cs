using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

public abstract partial class ParleyDbContext
{
    /// <summary>The customer's context rides with the conversation's row (one JSON column, null for rows written before it was kept).</summary>
    private static void ConfigureCustomerContext(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ConversationRecord>().Property(x => x.CustomerContext)
            .HasConversion(Json<CustomerContextRecord>()!).Metadata.SetValueComparer(JsonComparer<CustomerContextRecord>());
}
