using System.Net;
using System.Net.Http.Headers;
using Parley.Server.Tests.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// The widget and the desk's script are served precompressed with an ETag, so a page load revalidates them (304)
/// instead of downloading them again, on every role; an edge serves the customer's files and nothing of the desk.
/// </summary>
public sealed class StaticAssetTests
{
    public static TheoryData<string, string> Compressed() => new()
    {
        { "all", "widget.js" },
        { "all", "_framework/blazor.web.js" },
        { "all", "desk/desk.css" },
        { "edge", "widget.js" },
        { "edge", "demo.css" },
    };

    [Theory]
    [MemberData(nameof(Compressed))]
    public async Task A_script_is_served_precompressed_with_an_ETag_and_revalidated_with_304(string role, string path)
    {
        await using var server = Start(role);
        using var client = server.CreateClient();

        using var first = await client.SendAsync(Get(path, "br, gzip"));
        var length = (await first.Content.ReadAsByteArrayAsync()).Length;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("br", Assert.Single(first.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", first.Headers.Vary);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var gzip = await client.SendAsync(Get(path, "gzip"));
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        using var plain = await client.SendAsync(Get(path, null));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.True(length < (await plain.Content.ReadAsByteArrayAsync()).Length / 2, $"{path}: {length} bytes compressed");

        using var again = Get(path, "br, gzip");
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("widget.js")]
    [InlineData("widget.js.map")]
    [InlineData("demo.css")]
    [InlineData("demo.js")]
    [InlineData("favicon.svg")]
    public async Task An_edge_serves_the_demo_page_the_widget_and_their_files(string path)
    {
        await using var edge = Start("edge");
        using var client = edge.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("_framework/blazor.server.js")]
    [InlineData("desk/desk.js")]
    [InlineData("desk/desk.css")]
    public async Task An_edge_serves_none_of_the_desk_s_files(string path)
    {
        await using var edge = Start("edge");
        using var client = edge.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static ParleyServer Start(string role) => role == "edge" ? new ParleyServer(settings: RoleTests.Edge()) : new ParleyServer();

    private static HttpRequestMessage Get(string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            foreach (var coding in acceptEncoding.Split(',', StringSplitOptions.TrimEntries))
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
            }
        }

        return request;
    }
}
