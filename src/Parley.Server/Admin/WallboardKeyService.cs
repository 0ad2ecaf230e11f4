using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Storage;

namespace Parley.Server.Admin;

/// <summary>
/// The read-only wallboard links' keys: made and revoked by an admin (REST and the admin page, one code path), checked by
/// the wallboard page. A key opens the wallboard and nothing else: it is no sign-in and no authentication scheme. The
/// hashes of the keys in force are held in memory, read from the table after every change, so an open wallboard checks
/// its key without I/O and hears <see cref="Changed"/> the moment a key is revoked.
/// </summary>
public sealed partial class WallboardKeyService(
    IDbContextFactory<ParleyDbContext> db,
    AgentDirectory agents,
    AuditLog audit,
    TimeProvider time,
    ILogger<WallboardKeyService> logger) : IDisposable
{
    public const int MaxNameLength = 100;

    /// <summary>The wallboard page's path; a key's link adds <c>?key=</c>.</summary>
    public const string WallboardPath = "/wallboard";

    private readonly SemaphoreSlim _writes = new(1, 1);
    private volatile ImmutableHashSet<string>? _inForce;

    /// <summary>Raised after a key was made or revoked (on the caller's thread; handlers must be quick).</summary>
    public event Action? Changed;

    public async Task<IReadOnlyList<WallboardKeyDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var records = await context.WallboardKeys.AsNoTracking().ToListAsync(cancellationToken);
        return [.. records.OrderBy(k => k.CreatedAt).ThenBy(k => k.Name, StringComparer.Ordinal).Select(WallboardKeyDefinition.Of)];
    }

    /// <summary>Whether this secret is a key in force now.</summary>
    public async ValueTask<bool> IsValidAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return false;
        }

        var inForce = _inForce ?? await LoadAsync(cancellationToken);
        return inForce.Contains(Hash(secret));
    }

    /// <summary>Makes a key; the answer is the only place its secret ever appears.</summary>
    public async Task<AdminResult<WallboardKeyCreated>> CreateAsync(string actor, WallboardKeyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult<WallboardKeyCreated>.From(AdminResult.Forbidden);
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            return AdminResult<WallboardKeyCreated>.From(AdminResult.Invalid(new Dictionary<string, string[]>
            {
                ["name"] = [name.Length == 0 ? "Name the screen this link is for." : $"A name is at most {MaxNameLength} characters."],
            }));
        }

        // 256 random bits, URL-safe: the link carries it as it is.
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var record = new WallboardKeyRecord { Id = Guid.CreateVersion7(now), Name = name, SecretHash = Hash(secret), CreatedAt = now, CreatedBy = actor };
        await ChangeAsync(async context =>
        {
            context.WallboardKeys.Add(record);
            // Never the secret: the name and who made it.
            audit.Stage(context, actor, AuditActions.WallboardKeyCreated, AuditActions.Subject("wallboardKey", record.Id.ToString()), null, new { record.Id, record.Name });
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
        LogKeyCreated(record.Id, name, actor);
        return new(new WallboardKeyCreated(record.Id, name, now, actor, secret, $"{WallboardPath}?key={secret}"), Created: true);
    }

    /// <summary>Revokes a key: every wallboard open with it closes within seconds. Revoking a revoked key changes nothing.</summary>
    public async Task<AdminResult> RevokeAsync(string actor, Guid id, CancellationToken cancellationToken)
    {
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult.Forbidden;
        }

        var now = time.GetUtcNow();
        var found = await ChangeAsync(async context =>
        {
            var record = await context.WallboardKeys.FindAsync([id], cancellationToken);
            if (record is null)
            {
                return false;
            }

            if (record.RevokedAt is null)
            {
                record.RevokedAt = now;
                audit.Stage(context, actor, AuditActions.WallboardKeyRevoked, AuditActions.Subject("wallboardKey", id.ToString()), new { record.Id, record.Name }, null);
            }

            await context.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
        if (!found)
        {
            return AdminResult.NotFound($"There is no wallboard key {id}.");
        }

        LogKeyRevoked(id, actor);
        return AdminResult.Done;
    }

    public void Dispose() => _writes.Dispose();

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    // One change at a time, then the keys in force are read again: memory follows the table in the order of the changes.
    private async Task<bool> ChangeAsync(Func<ParleyDbContext, Task<bool>> change, CancellationToken cancellationToken)
    {
        bool changed;
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using (var context = await db.CreateDbContextAsync(cancellationToken))
            {
                changed = await change(context);
            }

            if (changed)
            {
                _inForce = await ReadInForceAsync(CancellationToken.None);
            }
        }
        finally
        {
            _writes.Release();
        }

        if (changed)
        {
            Changed?.Invoke();
        }

        return changed;
    }

    private async Task<ImmutableHashSet<string>> LoadAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            return _inForce ??= await ReadInForceAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<ImmutableHashSet<string>> ReadInForceAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var hashes = await context.WallboardKeys.Where(k => k.RevokedAt == null).Select(k => k.SecretHash).ToListAsync(cancellationToken);
        return [.. hashes];
    }

    [LoggerMessage(EventId = 5461, Level = LogLevel.Information, Message = "Admin: wallboard key {Id} ({Name}) made by {Actor}")]
    private partial void LogKeyCreated(Guid id, string name, string actor);

    [LoggerMessage(EventId = 5462, Level = LogLevel.Information, Message = "Admin: wallboard key {Id} revoked by {Actor}")]
    private partial void LogKeyRevoked(Guid id, string actor);
}
