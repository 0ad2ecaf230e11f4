using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Audit;

/// <summary>The audit log on SQLite.</summary>
public sealed class SqliteAuditLogTests : AuditLogSpecification
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
