using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Privacy;

/// <summary>Data protection on PostgreSQL (a database per test on PARLEY_TEST_POSTGRES; never skipped).</summary>
public sealed class PostgresPrivacyTests : PrivacySpecification
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
