namespace Parley.Server.Audit;

/// <summary>Which audit entries to read: each given criterion must hold (exact account, action and subject; times <c>[From, To)</c>).</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Subject = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
