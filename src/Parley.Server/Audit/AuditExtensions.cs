using Parley.Server.Agents;

namespace Parley.Server.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log (core): written by the admin and supervision features, read by admins.</summary>
    public static IHostApplicationBuilder AddParleyAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<ISupervisionLog, AuditSupervisionLog>();
        return builder;
    }
}
