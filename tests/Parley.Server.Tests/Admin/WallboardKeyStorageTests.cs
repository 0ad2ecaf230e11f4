using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Admin;

/// <summary>Wallboard keys are stored (table <c>wallboard_keys</c>) on both providers: a key and its revocation outlive a restart.</summary>
public sealed class WallboardKeyStorageTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_key_and_its_revocation_outlive_a_restart(string provider)
    {
        await using var database = provider == "Sqlite" ? new SqliteTestDatabase() : (TestDatabase)await PostgresTestDatabase.CreateAsync();
        string kept, revoked;
        await using (var server = new ParleyServer(settings: database.ServerSettings()))
        {
            using var admin = await AdminAnnouncementApiTests.AdminClientAsync(server);
            kept = await SecretAsync(admin, "Lobby");
            revoked = await SecretAsync(admin, "Old TV");
            var id = (await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/wallboard-keys")).EnumerateArray().Single(k => k.GetProperty("name").GetString() == "Old TV").GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/admin/wallboard-keys/{id}")).StatusCode);
        }

        await using (var server = new ParleyServer(settings: database.ServerSettings()))
        {
            var keys = server.Services.GetRequiredService<WallboardKeyService>();
            Assert.True(await keys.IsValidAsync(kept, CancellationToken.None));
            Assert.False(await keys.IsValidAsync(revoked, CancellationToken.None));
            var listed = await keys.ListAsync(CancellationToken.None);
            Assert.Equal([("Lobby", false), ("Old TV", true)], listed.Select(k => (k.Name, k.Revoked)));
        }

        await using var check = database.CreateContext();
        Assert.Equal(2, check.WallboardKeys.Count());
        Assert.DoesNotContain(check.WallboardKeys.Select(k => k.SecretHash).ToList(), h => h == kept || h == revoked);
    }

    private static async Task<string> SecretAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }
}
