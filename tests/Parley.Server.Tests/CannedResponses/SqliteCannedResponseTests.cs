using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.CannedResponses;

/// <summary>The canned-response API on SQLite.</summary>
public sealed class SqliteCannedResponseTests : CannedResponseSpecification
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
