using Parley.Server.Storage;

namespace Parley.Server.Admin;

// What the admin changes write to the audit log besides the definitions themselves.
public sealed partial class AdminService
{
    /// <summary>An agent as the audit log records a save: the definition (no password) and whether the password changed.</summary>
    public sealed record AuditedAgent(AgentDefinition Agent, bool PasswordChanged);

    /// <summary>Runs a bulk delete and stores its audit entry in one transaction.</summary>
    private async Task DeleteAuditedAsync(Func<ParleyDbContext, Task<int>> delete, string actor, string action, string subject, object? before)
    {
        await using var context = await db.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);
        await delete(context);
        audit.Stage(context, actor, action, subject, before, after: null);
        await context.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }
}
