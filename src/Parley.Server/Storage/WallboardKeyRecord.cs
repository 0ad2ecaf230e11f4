namespace Parley.Server.Storage;

/// <summary>
/// A read-only wallboard link's key (table <c>wallboard_keys</c>). Only the SHA-256 of the secret is kept: the secret is
/// shown once, when the key is made. A revoked key stays listed (who made which screen's link, and when it stopped).
/// </summary>
public sealed class WallboardKeyRecord
{
    public Guid Id { get; set; }

    /// <summary>Where the screen hangs, for the admin who revokes it ("Floor 2 TV").</summary>
    public required string Name { get; set; }

    /// <summary>The secret's SHA-256, lower-case hex.</summary>
    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
