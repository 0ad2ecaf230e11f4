using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Reporting;

/// <summary>The queue reports on PostgreSQL (a database per test on PARLEY_TEST_POSTGRES; never skipped).</summary>
public sealed class PostgresQueueReportTests : QueueReportSpecification
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
