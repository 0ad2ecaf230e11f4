using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Customers;
using Parley.Server.UrlCheck;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>Parley published through a real nginx, in the recommended configuration and in the usual wrong ones.</summary>
public sealed class ThroughNginxTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private ParleyServer Server => fixture.Server;

    private UrlChecker Checker => Server.Services.GetRequiredService<UrlChecker>();

    [Fact]
    public async Task A_customer_chats_with_an_agent_through_nginx_over_a_WebSocket()
    {
        var proxy = fixture[NginxVariant.Correct];
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();

        // The customer side only through nginx: REST to start, then the hub over a WebSocket upgrade (no negotiation,
        // no fallback to other transports, so it can only work if nginx passes the upgrade).
        using var http = new HttpClient { BaseAddress = proxy.BaseAddress };
        var response = await http.PostAsJsonAsync("api/v1/conversations", new
        {
            queue = "support",
            customer = new { name = "Ann", email = "ann@example.com" },
            answers = new Dictionary<string, string> { ["topic"] = "An order" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;

        var messages = new Inbox<MessageView>();
        var statuses = new Inbox<ConversationStatus>();
        await using var customer = new HubConnectionBuilder()
            .WithUrl(new Uri(proxy.BaseAddress, "hubs/customer"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(started.CustomerToken);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        customer.On<MessageView>(nameof(ICustomerClient.Message), messages.Add);
        customer.On<ConversationStatus>(nameof(ICustomerClient.Status), statuses.Add);
        await customer.StartAsync();

        await alice.AcceptAsync(started.ConversationId);
        await statuses.WaitForAsync(s => s.State == ConversationState.Assigned, "the assigned status through nginx");
        var fromAnn = await customer.InvokeAsync<MessageAccepted>("Send", Guid.NewGuid().ToString(), "Hello from behind the proxy");
        var atAlice = await alice.Messages.WaitForAsync(m => m.Message.Seq == fromAnn.Seq, "Ann's message at Alice");
        var fromAlice = await alice.Connection.InvokeAsync<MessageAccepted>("Send", started.ConversationId, Guid.NewGuid().ToString(), "Hello from the inside");
        var atAnn = await messages.WaitForAsync(m => m.Seq == fromAlice.Seq, "Alice's message at Ann through nginx");

        Assert.Equal(HubConnectionState.Connected, customer.State);
        Assert.Equal((MessageSender.Customer, "Hello from behind the proxy"), (atAlice.Message.Sender, atAlice.Message.Text));
        Assert.Equal((MessageSender.Agent, "Hello from the inside", "Alice Adams"), (atAnn.Sender, atAnn.Text, atAnn.SenderName));
    }

    [Fact]
    public async Task The_recommended_configuration_is_valid()
    {
        var result = await Checker.CheckAsync(fixture[NginxVariant.Correct].BaseAddress);

        Assert.True(result.Outcome == UrlCheckOutcome.Valid, string.Join(Environment.NewLine, result.Reasons));
        Assert.Equal("local", result.EdgeName);
        Assert.Equal(EdgeProbe.Version, result.EdgeVersion);
        Assert.NotNull(result.RoundTrip);
        Assert.Contains(result.Reasons, r => r.Contains("edge 'local' of this installation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("widget.js")]
    [InlineData("demo.css")]
    [InlineData("demo.js")]
    [InlineData("favicon.svg")]
    public async Task The_recommended_configuration_publishes_the_demo_page_and_its_files_compressed(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture[NginxVariant.Correct].BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_recommended_configuration_answers_404_to_every_internal_path()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture[NginxVariant.Correct].BaseAddress };

        foreach (var path in UrlChecker.InternalPaths.Select(p => p.Path).Concat(["admin/queues", "admin/edges", "agent/logout", "hubs/agent", "api/v1/agents/alice/external-state", "healthz", "livez", "_framework/blazor.web.js"]))
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/{path} answered {(int)response.StatusCode} through the recommended configuration");
        }
    }

    [Fact]
    public async Task A_proxy_that_publishes_the_liveness_path_is_still_valid()
    {
        using var http = new HttpClient { BaseAddress = fixture[NginxVariant.PublishesLivez].BaseAddress };
        using var livez = await http.GetAsync("livez");

        var result = await Checker.CheckAsync(fixture[NginxVariant.PublishesLivez].BaseAddress);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (livez.StatusCode, await livez.Content.ReadAsStringAsync()));
        Assert.True(result.Outcome == UrlCheckOutcome.Valid, string.Join(Environment.NewLine, result.Reasons));
    }

    [Fact]
    public async Task A_proxy_that_publishes_the_health_report_is_invalid_and_the_reason_names_healthz()
    {
        var result = await Checker.CheckAsync(fixture[NginxVariant.PublishesHealthz].BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.Equal("Internal path /healthz answers 200 OK through the external URL — the health report is published.", Assert.Single(result.Reasons));
    }

    [Fact]
    public async Task A_server_that_redirects_every_path_is_not_an_edge_and_its_redirects_are_not_listed_as_published_paths()
    {
        var result = await Checker.CheckAsync(fixture[NginxVariant.RedirectsEverything].BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.StartsWith("The URL reaches a web server, but not a Parley edge: /.well-known/parley/probe answered 301 Moved Permanently, a redirect to 'https://chat.example.com/.well-known/parley/probe", Assert.Single(result.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_exposes_the_admin_side_is_invalid_and_the_reason_names_admin()
    {
        var result = await Checker.CheckAsync(fixture[NginxVariant.ExposesAdmin].BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Reasons, r => r.StartsWith("Internal path /admin answers", StringComparison.Ordinal) && r.EndsWith("the admin pages are published.", StringComparison.Ordinal));
        Assert.Contains(result.Reasons, r => r.StartsWith("Internal path /agent answers", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Reasons, r => r.Contains("WebSocket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proxy_without_the_upgrade_headers_is_invalid_and_the_reason_names_WebSocket()
    {
        var result = await Checker.CheckAsync(fixture[NginxVariant.NoWebSocketUpgrade].BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        var reason = Assert.Single(result.Reasons);
        Assert.StartsWith("WebSocket upgrade does not pass through the proxy: /hubs/customer/probe answered 400 Bad Request", reason, StringComparison.Ordinal);
        Assert.Contains("add the Upgrade and Connection headers", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_static_site_is_invalid_because_it_is_not_a_Parley_edge()
    {
        var result = await Checker.CheckAsync(fixture[NginxVariant.StaticSite].BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.Equal("The URL reaches a web server, but not a Parley edge: /.well-known/parley/probe answered 404 Not Found.", Assert.Single(result.Reasons));
    }

    [Fact]
    public async Task A_made_up_probe_answer_is_another_installation_and_its_name_is_only_text()
    {
        var result = await Checker.CheckAsync(fixture[NginxVariant.Impostor].BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.StartsWith("The URL reaches a Parley edge of another installation (edge '<b>impostor</b>')", Assert.Single(result.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void The_recommended_nginx_configuration_is_the_one_in_docs_deployment_md()
    {
        var docs = Normalize(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "deployment.md")));

        Assert.Contains(Normalize(NginxProxy.UpgradeMap), docs, StringComparison.Ordinal);
        Assert.Contains(Normalize(NginxProxy.RecommendedHeaders), docs, StringComparison.Ordinal);
        Assert.Contains(Normalize(NginxProxy.RecommendedLocations), docs, StringComparison.Ordinal);
        Assert.Contains(NginxProxy.LivenessLocation, docs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_url_verb_exits_0_for_valid_1_for_invalid_2_for_unknown_and_64_for_a_malformed_URL()
    {
        var settings = $"--Parley:DataDirectory={Server.DataDirectory}";

        var valid = await RunVerbAsync(fixture[NginxVariant.Correct].BaseAddress.ToString(), settings, "--timeout", "5");
        var invalid = await RunVerbAsync(fixture[NginxVariant.ExposesAdmin].BaseAddress.ToString(), "--timeout=5", settings);
        var unknown = await RunVerbAsync($"http://127.0.0.1:{ClosedPort()}/", settings);
        var malformed = await RunVerbAsync("chat.example.com", settings);
        var otherInstallation = await RunVerbAsync(fixture[NginxVariant.Correct].BaseAddress.ToString(), $"--Parley:InstallationKey={Convert.ToBase64String(new byte[32])}");

        Assert.True(valid.Exit == 0, valid.Output + valid.Error);
        Assert.StartsWith($"✔ valid: {fixture[NginxVariant.Correct].BaseAddress} (edge 'local', version {EdgeProbe.Version}, ", valid.Output, StringComparison.Ordinal);
        Assert.Contains("  - WebSocket connections pass through to the edge.", valid.Output, StringComparison.Ordinal);
        Assert.Equal(1, invalid.Exit);
        Assert.StartsWith("✖ invalid: ", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("  - Internal path /admin answers", invalid.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Exit);
        Assert.StartsWith("? unknown: ", unknown.Output, StringComparison.Ordinal);
        Assert.Contains("Connection refused", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(64, malformed.Exit);
        Assert.Contains("is not an absolute http:// or https:// URL", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(1, otherInstallation.Exit);
        Assert.Contains("another installation (edge 'local')", otherInstallation.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_server_binary_runs_check_url_from_its_command_line_without_starting_a_web_server()
    {
        var url = fixture[NginxVariant.Correct].BaseAddress.ToString();
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "parley.dll"), "check-url", url, $"--Parley:DataDirectory={Server.DataDirectory}", "--timeout", "10" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);

        Assert.True(process.ExitCode == 0, await output + await error);
        Assert.StartsWith($"✔ valid: {url} (edge 'local'", await output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", await output, StringComparison.Ordinal);
    }

    /// <summary>The verb as Program.cs runs it for <c>parley check-url …</c>, with its output captured.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunVerbAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CheckUrlCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    internal static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Parley.slnx) is not above the test binaries.");
    }
}
