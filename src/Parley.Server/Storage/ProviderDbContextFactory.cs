using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

/// <summary>Hands out the chosen provider's (pooled) contexts as <see cref="ParleyDbContext"/>.</summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ParleyDbContext>
    where TContext : ParleyDbContext
{
    public ParleyDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ParleyDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
