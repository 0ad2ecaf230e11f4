namespace Parley.Server.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log (core): written by the admin and supervision features, read by admins.</summary>
    public static IHostApplicationBuilder AddParleyAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AuditLog>();
        return builder;
    }
}
