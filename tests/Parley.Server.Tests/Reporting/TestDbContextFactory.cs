using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Reporting;

/// <summary>The server's context factory over a test database, for the report queries and projections run outside a server.</summary>
public sealed class TestDbContextFactory(TestDatabase database) : IDbContextFactory<ParleyDbContext>
{
    public ParleyDbContext CreateDbContext() => database.CreateContext();
}
