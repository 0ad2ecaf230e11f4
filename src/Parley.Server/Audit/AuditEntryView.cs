using System.Text.Json;

namespace Parley.Server.Audit;

/// <summary>One audit entry as the API, the admin page and the export show it (before/after as the JSON stored).</summary>
public sealed record AuditEntryView(long Id, DateTimeOffset At, string Actor, string Action, string Subject, JsonElement? Before, JsonElement? After);

/// <summary>A page of the audit log, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, int Page, int PageSize, int Total);
