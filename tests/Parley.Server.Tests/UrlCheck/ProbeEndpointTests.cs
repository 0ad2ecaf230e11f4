using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;
using Parley.Server.UrlCheck;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>The edge probes, plain HTTP and WebSocket, directly on the server.</summary>
public sealed class ProbeEndpointTests : IAsyncLifetime
{
    private const string Nonce = "a-valid_nonce-0123456789";
    private ParleyServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Edge:Name"] = "dmz-1" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_probe_answers_the_edge_name_the_version_and_a_proof_under_this_installations_key()
    {
        using var client = _server.CreateClient();

        using var response = await client.GetAsync($".well-known/parley/probe?nonce={Nonce}");
        var answer = await response.Content.ReadFromJsonAsync<ProbeAnswer>(TestJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(("dmz-1", EdgeProbe.Version), (answer!.Edge, answer.Version));
        Assert.True(OurSigner().Verify(Nonce, answer.Proof));
        Assert.False(OurSigner().Verify(Nonce + "x", answer.Proof));
        Assert.NotEqual(answer.Proof, (await client.GetFromJsonAsync<ProbeAnswer>($".well-known/parley/probe?nonce={Nonce}-2", TestJson.Options))!.Proof);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?nonce=")]
    [InlineData("?nonce=short")]
    [InlineData("?nonce=fifteen-chars-x")]
    [InlineData("?nonce=has%20a%20space%20in%20it")]
    [InlineData("?nonce=not%2Bbase64url%2Fchars")]
    [InlineData("?nonce=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task The_probe_rejects_a_missing_or_malformed_nonce_with_400_problem_details(string query)
    {
        using var client = _server.CreateClient();

        using var response = await client.GetAsync(".well-known/parley/probe" + query);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("nonce", out _));
    }

    [Fact]
    public async Task The_probe_rejects_a_nonce_longer_than_128_characters()
    {
        using var client = _server.CreateClient();

        using var longest = await client.GetAsync(".well-known/parley/probe?nonce=" + new string('n', 128));
        using var tooLong = await client.GetAsync(".well-known/parley/probe?nonce=" + new string('n', 129));

        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task The_WebSocket_probe_sends_the_same_answer_in_one_text_frame_and_closes_normally()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.BaseAddress.Port}/hubs/customer/probe?nonce={Nonce}"), default);
        var buffer = new byte[4096];

        var frame = await socket.ReceiveAsync(buffer, default);
        var answer = JsonSerializer.Deserialize<ProbeAnswer>(buffer.AsSpan(0, frame.Count), TestJson.Options)!;
        var close = await socket.ReceiveAsync(buffer, default);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default);

        Assert.Equal((WebSocketMessageType.Text, true), (frame.MessageType, frame.EndOfMessage));
        Assert.Equal("dmz-1", answer.Edge);
        Assert.True(OurSigner().Verify(Nonce, answer.Proof));
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task The_WebSocket_probe_without_an_upgrade_answers_400()
    {
        using var client = _server.CreateClient();

        using var response = await client.GetAsync($"hubs/customer/probe?nonce={Nonce}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_WebSocket_probe_with_a_bad_nonce_refuses_the_upgrade_with_400()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_server.BaseAddress.Port}/hubs/customer/probe?nonce=bad"), default));

        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public void The_probe_key_is_derived_from_the_installation_key_and_is_not_the_key_itself()
    {
        var key = InstallationKey.TryLoad(_server.Services.GetRequiredService<IOptions<ParleyOptions>>().Value);
        var proof = OurSigner().Prove(Nonce);

        Assert.NotNull(key); // Created at start-up, before any probe.

        var rawKeyMac = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.ASCII.GetBytes("parley-probe:" + Nonce)));

        Assert.Equal(proof, new ProbeSigner(key).Prove(Nonce));
        Assert.NotEqual(rawKeyMac, proof);
    }

    private ProbeSigner OurSigner() => _server.Services.GetRequiredService<ProbeSigner>();
}

/// <summary>The probes are internet-facing: a client that sends too many is refused for a while.</summary>
public sealed class ProbeRateLimitTests : ServerPerTest
{
    [Fact]
    public async Task Probes_beyond_the_burst_from_one_address_are_refused_with_429_and_Retry_After()
    {
        using var client = Server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 25 && refused is null; i++)
        {
            var response = await client.GetAsync(".well-known/parley/probe?nonce=rate-limit-nonce-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 19, string.Join(", ", statuses));
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }
}
