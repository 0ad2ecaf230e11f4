using Parley.Server.Storage;

namespace Parley.Server.Admin;

/// <summary>A wallboard key as the admin API lists it: never its secret (only a hash of it is kept).</summary>
public sealed record WallboardKeyDefinition(Guid Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;

    internal static WallboardKeyDefinition Of(WallboardKeyRecord record) => new(record.Id, record.Name, record.CreatedAt, record.CreatedBy, record.RevokedAt);
}

/// <summary>A key just made: the only answer that carries its secret, and the wallboard link (path and query) it opens.</summary>
public sealed record WallboardKeyCreated(Guid Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, string Secret, string Link);

/// <summary>The body of <c>POST /api/v1/admin/wallboard-keys</c>.</summary>
public sealed record WallboardKeyInput(string? Name);
