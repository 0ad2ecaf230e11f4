using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>Choosing the provider: the names, and start-up failing clearly when the choice cannot work.</summary>
public sealed class StorageProviderTests
{
    [Theory]
    [InlineData("Sqlite", StorageProvider.Sqlite)]
    [InlineData("sqlite", StorageProvider.Sqlite)]
    [InlineData("Postgres", StorageProvider.Postgres)]
    [InlineData("POSTGRES", StorageProvider.Postgres)]
    public void Provider_names_are_read_without_regard_to_case(string name, StorageProvider expected) =>
        Assert.Equal(expected, StorageProviders.Parse(name));

    [Theory]
    [InlineData("Oracle")]
    [InlineData("")]
    [InlineData("1")]
    [InlineData(null)]
    public void An_unknown_provider_name_is_refused_naming_the_allowed_values(string? name)
    {
        var e = Assert.Throws<InvalidOperationException>(() => StorageProviders.Parse(name));

        Assert.Contains("Parley:Database:Provider", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Sqlite' or 'Postgres'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_with_an_unknown_provider_does_not_start_and_says_which_providers_there_are()
    {
        var e = Assert.ThrowsAny<Exception>(() => new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Database:Provider"] = "Oracle" }));

        Assert.Contains("'Sqlite' or 'Postgres'", Messages(e), StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_on_Postgres_without_a_connection_string_does_not_start_and_says_what_is_missing()
    {
        var e = Assert.ThrowsAny<Exception>(() => new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Database:Provider"] = "Postgres" }));

        Assert.Contains("Parley:Database:ConnectionString", Messages(e), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rest_of_the_server_gets_contexts_of_the_configured_provider_as_ParleyDbContext()
    {
        await using var server = new ParleyServer();
        await using var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        using var scope = server.Services.CreateScope();

        Assert.IsType<SqliteParleyDbContext>(context);
        Assert.IsType<SqliteParleyDbContext>(scope.ServiceProvider.GetRequiredService<ParleyDbContext>());
    }

    private static string Messages(Exception e) =>
        e is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Messages))
            : e.InnerException is null ? e.Message : $"{e.Message} | {Messages(e.InnerException)}";
}
