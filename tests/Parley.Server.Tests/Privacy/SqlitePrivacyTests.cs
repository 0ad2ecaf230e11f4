using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Privacy;

/// <summary>Data protection on SQLite.</summary>
public sealed class SqlitePrivacyTests : PrivacySpecification
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
