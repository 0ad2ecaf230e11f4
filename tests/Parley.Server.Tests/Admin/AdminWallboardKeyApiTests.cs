using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Admin;
using Parley.Server.Storage;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>The read-only wallboard links' keys through the admin REST API, on one shared demo server (SQLite).</summary>
public sealed class AdminWallboardKeyApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_stored_as_a_hash_and_revoked()
    {
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(_server);
        var keys = _server.Services.GetRequiredService<WallboardKeyService>();

        var created = await admin.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name = "  Floor 2 TV  " });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        var secret = body.GetProperty("secret").GetString()!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["id", "name", "createdAt", "createdBy", "secret", "link"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Floor 2 TV", "admin", $"/wallboard?key={secret}"),
            (body.GetProperty("name").GetString(), body.GetProperty("createdBy").GetString(), body.GetProperty("link").GetString()));
        Assert.True(secret.Length >= 43, secret); // 256 bits
        Assert.True(await keys.IsValidAsync(secret, CancellationToken.None));

        var listed = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/wallboard-keys")).EnumerateArray(), k => k.GetProperty("id").GetGuid() == id);
        Assert.Equal(["id", "name", "createdAt", "createdBy", "revokedAt", "revoked"], listed.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);

        // Only the secret's SHA-256 is in the database.
        await using (var context = await _server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync())
        {
            var row = await context.WallboardKeys.SingleAsync(k => k.Id == id);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.SecretHash);
            Assert.DoesNotContain(secret, $"{row.Name}|{row.SecretHash}|{row.CreatedBy}", StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/admin/wallboard-keys/{id}")).StatusCode);
        Assert.False(await keys.IsValidAsync(secret, CancellationToken.None));
        var revoked = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/wallboard-keys")).EnumerateArray(), k => k.GetProperty("id").GetGuid() == id);
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/admin/wallboard-keys/{id}")).StatusCode); // again: no change
        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync($"api/v1/admin/wallboard-keys/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_and_a_wrong_secret_opens_nothing()
    {
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(_server);
        var keys = _server.Services.GetRequiredService<WallboardKeyService>();

        var blank = await CustomerApiTests.AssertProblemAsync(await admin.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name = " " }), HttpStatusCode.BadRequest);
        var long_ = await CustomerApiTests.AssertProblemAsync(await admin.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name = new string('x', 101) }), HttpStatusCode.BadRequest);

        Assert.Equal(["name"], blank.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name"], long_.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.False(await keys.IsValidAsync("not-a-key", CancellationToken.None));
        Assert.False(await keys.IsValidAsync("", CancellationToken.None));
        Assert.False(await keys.IsValidAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Only_an_admin_manages_keys_and_a_key_gives_no_access_to_anything_but_the_wallboard()
    {
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(_server);
        var secret = (await (await admin.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name = "Lobby" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using var agent = _server.CreateClient(await _server.LoginAsync("bob"));
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));
        using var anonymous = _server.CreateClient();
        using var withKey = _server.CreateClient();
        withKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/admin/wallboard-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/v1/admin/wallboard-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/v1/admin/wallboard-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"api/v1/admin/wallboard-keys/{Guid.NewGuid()}")).StatusCode);
        foreach (var path in new[] { "api/v1/admin/wallboard-keys", "api/v1/admin/queues", "api/v1/reports/queues?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path + (path.Contains('?') ? "&" : "?") + $"key={secret}")).StatusCode);
        }
    }
}
