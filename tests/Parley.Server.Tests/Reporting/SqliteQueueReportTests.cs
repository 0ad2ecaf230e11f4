using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Reporting;

/// <summary>The queue reports on SQLite (a temporary file per test).</summary>
public sealed class SqliteQueueReportTests : QueueReportSpecification
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
