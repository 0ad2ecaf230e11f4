using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

public sealed class HostingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task Health_answers_healthy_when_the_database_answers()
    {
        using var client = _server.CreateClient();
        var response = await client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_public_REST_API()
    {
        using var client = _server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/conversations", "/api/v1/conversations/{id}/messages", "/api/v1/queues/{name}", "/api/v1/agent/login" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task The_demo_page_embeds_the_widget_with_one_script_tag_and_the_widget_is_served()
    {
        using var client = _server.CreateClient();
        var page = await client.GetStringAsync("");
        var widget = await client.GetAsync("widget.js");

        Assert.Contains("widget.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_data_directory_holds_the_database_and_the_installation_key()
    {
        await _server.StartConversationAsync();

        Assert.True(File.Exists(Path.Combine(_server.DataDirectory, "parley.db")));
        Assert.True(File.Exists(Path.Combine(_server.DataDirectory, "installation.key")));
    }
}
