namespace Parley.Server.Storage;

/// <summary>
/// One entry of the audit log (table <c>audit_entries</c>): who changed what, when, with the state before and after.
/// Append-only; written in the same transaction as the change it records wherever the change is a database write.
/// Times are Unix milliseconds (UTC), which both providers compare and sort.
/// </summary>
public sealed class AuditEntryRecord
{
    /// <summary>The log's order (assigned by the database).</summary>
    public long Id { get; set; }

    /// <summary>When, on the server's clock (Unix milliseconds).</summary>
    public long At { get; set; }

    /// <summary>The account that did it.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done: one of <see cref="Audit.AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, as <c>kind:key</c> (<c>queue:support</c>, <c>agent:alice</c>, <c>conversation:…</c>).</summary>
    public required string Subject { get; set; }

    /// <summary>The subject before the change (JSON), null when it did not exist.</summary>
    public string? Before { get; set; }

    /// <summary>The subject after the change (JSON), null when it no longer exists.</summary>
    public string? After { get; set; }
}
