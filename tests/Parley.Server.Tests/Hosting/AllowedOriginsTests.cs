using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// The agent hub and Blazor circuits ride an agent's cookie, and browsers send cookies on WebSockets from any page of
/// the same site: only the server's own origin and <c>Parley:AllowedOrigins</c> may open them. The widget's customer
/// hub and API stay open to every origin.
/// </summary>
public sealed class AllowedOriginsTests : IAsyncLifetime
{
    private const string ConfiguredOrigin = "https://desk.example.com";
    private ParleyServer _server = null!;

    public static TheoryData<string> ForeignOrigins => new()
    {
        "https://evil.example",
        "http://127.0.0.1:1", // same site, another port: another origin
        "http://localhost",
        "null",
        "https://desk.example.com.evil.example",
    };

    public Task InitializeAsync()
    {
        _server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:AllowedOrigins:0"] = ConfiguredOrigin });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string OwnOrigin => _server.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_foreign_origin_cannot_open_the_agent_hub_or_a_Blazor_circuit(string origin)
    {
        var token = await _server.LoginAsync("alice");

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("hubs/agent", origin, token));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("_blazor", origin));
        Assert.Equal(HttpStatusCode.Forbidden, await WebSocketAsync($"hubs/agent?access_token={Uri.EscapeDataString(token)}", origin));
        Assert.Equal(HttpStatusCode.Forbidden, await WebSocketAsync("_blazor", origin));
    }

    [Fact]
    public async Task The_own_origin_a_configured_origin_and_clients_without_an_Origin_may_open_them()
    {
        var token = await _server.LoginAsync("alice");

        foreach (var origin in new[] { OwnOrigin, ConfiguredOrigin, ConfiguredOrigin.ToUpperInvariant(), null })
        {
            Assert.Equal(HttpStatusCode.OK, await NegotiateAsync("hubs/agent", origin, token));
            Assert.Equal(HttpStatusCode.OK, await NegotiateAsync("_blazor", origin));
            Assert.Equal(HttpStatusCode.SwitchingProtocols, await WebSocketAsync($"hubs/agent?access_token={Uri.EscapeDataString(token)}", origin));
        }

        // The .NET client (no Origin header) connects as before.
        await using var agent = await _server.ConnectAgentAsync("alice");
    }

    [Fact]
    public async Task The_customer_hub_and_API_stay_open_to_every_origin()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/queues/support");
        request.Headers.Add("Origin", "https://shop.example");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var chat = await _server.StartConversationAsync();
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync("hubs/customer", "https://shop.example", chat.CustomerToken));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await WebSocketAsync($"hubs/customer?access_token={Uri.EscapeDataString(chat.CustomerToken)}", "https://shop.example"));
    }

    [Theory]
    [InlineData("https://desk.example.com", true)]
    [InlineData("http://10.0.0.5:8080/", true)]
    [InlineData("https://desk.example.com/agent", false)]
    [InlineData("desk.example.com", false)]
    [InlineData("ftp://desk.example.com", false)]
    [InlineData("https://user@desk.example.com", false)]
    [InlineData("*", false)]
    public void Configured_origins_are_checked_at_start(string origin, bool valid)
    {
        var result = new Parley.Server.Hosting.ParleyOptionsValidator().Validate(null, new Parley.Server.Hosting.ParleyOptions { AllowedOrigins = [origin] });

        Assert.Equal(valid, result.Succeeded);
    }

    private async Task<HttpStatusCode> NegotiateAsync(string hub, string? origin, string? bearer = null)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>Opens a WebSocket as a browser would (with its Origin) and answers the handshake's status.</summary>
    private async Task<HttpStatusCode> WebSocketAsync(string path, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new UriBuilder(new Uri(_server.BaseAddress, path)) { Scheme = "ws" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The handshake was refused: its status tells why.
        }

        return socket.HttpStatusCode;
    }
}
