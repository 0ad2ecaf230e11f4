using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Audit;

/// <summary>The audit log on PostgreSQL (a database per test on PARLEY_TEST_POSTGRES; never skipped).</summary>
public sealed class PostgresAuditLogTests : AuditLogSpecification
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
