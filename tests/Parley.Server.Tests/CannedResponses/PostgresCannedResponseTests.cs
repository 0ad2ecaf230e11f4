using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.CannedResponses;

/// <summary>The canned-response API on PostgreSQL (a database per test on PARLEY_TEST_POSTGRES; never skipped).</summary>
public sealed class PostgresCannedResponseTests : CannedResponseSpecification
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
