namespace Parley.Server.Storage;

/// <summary>
/// One signed-in session of an agent (a desktop cookie or a bearer token). The cookie or token carries its
/// <see cref="Id"/>; the session is valid while this row exists and has not expired, so deleting the row ends it.
/// </summary>
public sealed class AgentSessionRecord
{
    /// <summary>Random, 128 bits, base64url; only ever sent inside a protected cookie or token.</summary>
    public required string Id { get; set; }

    public required string Username { get; set; }

    /// <summary><c>cookie</c> (desktop) or <c>bearer</c> (API and hub clients).</summary>
    public required string Kind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The session's absolute end: no renewal of the cookie takes it further.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
