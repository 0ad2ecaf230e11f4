using System.Net;
using System.Text;
using Parley.Server.UrlCheck;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>
/// The External URL check asks for the agent/admin side's paths and wants 404 for each. Each must exist on the
/// core (else its 404 proves nothing), and docs/deployment.md names the same paths.
/// </summary>
public sealed class InternalPathsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task Every_path_the_URL_check_asks_for_exists_on_the_core()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };
        var missing = new List<string>();
        foreach (var path in UrlChecker.InternalPaths)
        {
            using var request = new HttpRequestMessage(path.Method, path.Path);
            if (path.JsonBody is { } body)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);

            // Nor 405: pointed at a server that is not an edge, the check takes 405 for "nothing there".
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                missing.Add($"{path.Method} /{path.Path}");
            }
        }

        // A path that answers 404 on the core too tells the check nothing.
        Assert.Empty(missing);
    }

    [Fact]
    public void Docs_deployment_md_names_every_path_the_URL_check_asks_for_and_no_other()
    {
        var docs = File.ReadAllText(Path.Combine(Broker.RepositoryRoot, "docs", "deployment.md"));
        var paragraph = docs[docs.IndexOf("Then\nit asks for", StringComparison.Ordinal)..];
        paragraph = paragraph[..paragraph.IndexOf("without following redirects", StringComparison.Ordinal)];

        var named = System.Text.RegularExpressions.Regex.Matches(paragraph, "`(?:(GET|POST|PUT) )?/([^`]+)`")
            .Select(m => $"{(m.Groups[1].Success ? m.Groups[1].Value : "GET")} {m.Groups[2].Value}");

        Assert.Equal(UrlChecker.InternalPaths.Select(p => $"{p.Method.Method} {p.Path}").Order(), named.Order());
    }
}
