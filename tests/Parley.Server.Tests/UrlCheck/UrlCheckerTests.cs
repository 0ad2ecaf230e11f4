using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Parley.Server.UrlCheck;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>The External URL check where it cannot tell (? unknown), where the URL is malformed, and against another installation.</summary>
public sealed class UrlCheckerTests
{
    private static readonly ProbeSigner Signer = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_name_that_does_not_resolve_is_unknown_with_a_DNS_failure()
    {
        using var checker = new UrlChecker(Signer, TimeSpan.FromSeconds(10));

        var result = await checker.CheckAsync(new Uri("http://parley-check.invalid/"));

        Assert.Equal(UrlCheckOutcome.Unknown, result.Outcome);
        Assert.StartsWith("DNS failure: the name parley-check.invalid cannot be resolved", Assert.Single(result.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_unknown_with_connection_refused()
    {
        using var checker = new UrlChecker(Signer, TimeSpan.FromSeconds(10));
        var port = ThroughNginxTests.ClosedPort();

        var result = await checker.CheckAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(UrlCheckOutcome.Unknown, result.Outcome);
        Assert.StartsWith($"Connection refused: nothing accepts connections on 127.0.0.1 port {port}", Assert.Single(result.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_is_unknown_with_a_time_out()
    {
        using var silent = new SilentServer();
        using var checker = new UrlChecker(Signer, TimeSpan.FromMilliseconds(300));

        var result = await checker.CheckAsync(new Uri($"http://127.0.0.1:{silent.Port}/chat"));

        Assert.Equal(UrlCheckOutcome.Unknown, result.Outcome);
        Assert.Equal(new Uri($"http://127.0.0.1:{silent.Port}/chat/"), result.Url);
        Assert.Equal("Time-out: 127.0.0.1 did not answer within 0.3 s — a firewall may drop the traffic, or the server is overloaded.", Assert.Single(result.Reasons));
    }

    [Fact]
    public async Task TLS_to_a_port_that_speaks_plain_HTTP_is_unknown_with_a_TLS_error()
    {
        await using var server = new ParleyServer();
        using var checker = new UrlChecker(Signer, TimeSpan.FromSeconds(10));

        var result = await checker.CheckAsync(new Uri($"https://127.0.0.1:{server.BaseAddress.Port}/"));

        Assert.Equal(UrlCheckOutcome.Unknown, result.Outcome);
        Assert.StartsWith("TLS error with 127.0.0.1:", Assert.Single(result.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edge_of_another_installation_is_invalid()
    {
        await using var ours = new ParleyServer();
        await using var theirs = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Edge:Name"] = "elsewhere" });

        var result = await ours.Services.GetRequiredService<UrlChecker>().CheckAsync(theirs.BaseAddress);
        var itself = await theirs.Services.GetRequiredService<UrlChecker>().CheckAsync(theirs.BaseAddress);

        Assert.Equal(UrlCheckOutcome.Invalid, result.Outcome);
        Assert.Equal("elsewhere", result.EdgeName);
        Assert.StartsWith("The URL reaches a Parley edge of another installation (edge 'elsewhere')", result.Reasons[0], StringComparison.Ordinal);
        // Another installation's all-in-one server: its published agent/admin side is named all the same.
        Assert.Contains(result.Reasons, r => r.StartsWith("Internal path /admin answers 302 Found", StringComparison.Ordinal));
        // Its own installation recognises it; direct, without a proxy, the agent/admin side answers too.
        Assert.Equal(UrlCheckOutcome.Invalid, itself.Outcome);
        Assert.DoesNotContain(itself.Reasons, r => r.Contains("another installation", StringComparison.Ordinal));
        Assert.Contains(itself.Reasons, r => r.StartsWith("Internal path /admin answers 302 Found", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("chat.example.com")]
    [InlineData("/relative/path")]
    [InlineData("ftp://chat.example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@chat.example.com/")]
    [InlineData("https://chat.example.com/?queue=support")]
    [InlineData("https://chat.example.com/#x")]
    public void A_malformed_URL_is_a_validation_error_not_a_check(string? url)
    {
        Assert.False(UrlChecker.TryParse(url, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("https://chat.example.com", "https://chat.example.com/")]
    [InlineData(" http://chat.example.com:8080/support ", "http://chat.example.com:8080/support/")]
    [InlineData("https://example.com/chat/", "https://example.com/chat/")]
    public void A_URL_is_checked_as_a_chat_root(string url, string root)
    {
        Assert.True(UrlChecker.TryParse(url, out var parsed, out _));
        Assert.Equal(new Uri(root), parsed);
    }

    [Fact]
    public void Remote_text_loses_control_characters_and_is_shortened()
    {
        Assert.Equal("red[1mtext", UrlCheckWording.Sanitize("red\u001b[1m\u202etext"));
        Assert.Equal(new string('x', 64) + "…", UrlCheckWording.Sanitize(new string('x', 100)));
    }

    /// <summary>Accepts TCP connections and never says a word.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly CancellationTokenSource _stop = new();

        public SilentServer()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }
    }
}
