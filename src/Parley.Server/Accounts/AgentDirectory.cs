using System.Collections.Frozen;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Accounts;

/// <summary>Agent accounts: sign-in checks and display names, kept in memory after start-up.</summary>
public sealed class AgentDirectory(IDbContextFactory<ParleyDbContext> db, IPasswordHasher<AgentRecord> hasher)
{
    private FrozenDictionary<string, AgentRecord> _agents = FrozenDictionary<string, AgentRecord>.Empty;

    public IReadOnlyCollection<AgentRecord> All => _agents.Values;

    public AgentRecord? Find(string username) => _agents.GetValueOrDefault(username);

    public string DisplayName(string username) => Find(username)?.DisplayName ?? username;

    /// <summary>Whether the account exists now and has one of <paramref name="roles"/> now.</summary>
    public bool HasRole(string? username, IReadOnlyCollection<string> roles) =>
        username is not null && Find(username) is { } agent && agent.Roles.Any(roles.Contains);

    /// <summary>After every reload: accounts were created, changed or deleted (open circuits refresh their rights).</summary>
    public event Action? Changed;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var agents = await context.Agents.AsNoTracking().ToListAsync(cancellationToken);
        _agents = agents.ToFrozenDictionary(a => a.Username, StringComparer.Ordinal);
        Changed?.Invoke();
    }

    /// <summary>
    /// Reloads when the stored accounts or passwords differ from the ones in memory (another process changed them:
    /// <c>parley reset-password</c>); returns whether it did.
    /// </summary>
    public async Task<bool> RefreshIfChangedAsync(CancellationToken cancellationToken)
    {
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            var stored = await context.Agents.AsNoTracking().Select(a => new { a.Username, a.PasswordHash }).ToListAsync(cancellationToken);
            var known = _agents;
            if (stored.Count == known.Count && stored.All(a => known.TryGetValue(a.Username, out var k) && k.PasswordHash == a.PasswordHash))
            {
                return false;
            }
        }

        await ReloadAsync(cancellationToken);
        return true;
    }

    /// <summary>Checks a username and password; returns the principal to sign in, or null.</summary>
    public ClaimsPrincipal? SignIn(string? username, string? password, string authenticationType)
    {
        var agent = username is null ? null : Find(username.Trim().ToLowerInvariant());
        if (agent is null || string.IsNullOrEmpty(password))
        {
            // Same work as a real check, so response time does not tell which usernames exist.
            hasher.VerifyHashedPassword(DummyAgent, DummyAgent.PasswordHash, password ?? "");
            return null;
        }

        if (hasher.VerifyHashedPassword(agent, agent.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, agent.Username),
            new(ClaimTypes.Name, agent.Username),
            new(ClaimTypes.GivenName, agent.DisplayName),
            .. agent.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    private static readonly AgentRecord DummyAgent = new()
    {
        Username = "-",
        DisplayName = "-",
        PasswordHash = new PasswordHasher<AgentRecord>().HashPassword(null!, Guid.NewGuid().ToString()),
    };
}
