using System.Net;
using System.Net.Sockets;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// The real server under a small <c>ulimit -n</c>, flooded with more WebSockets and HTTP connections than it has
/// descriptors: it refuses the surplus at once and stays up, bounded and answering. Without the limits it ran out of
/// descriptors and died ("Out of memory").
/// </summary>
public sealed class DescriptorLimitTests
{
    /// <summary>Enough for the runtime's own descriptors (about 370 in a build) and a few hundred connections.</summary>
    private const int DescriptorLimit = 1024;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A WebSocket to the desk's circuit hub: the one anonymous WebSocket endpoint. It upgrades before any handshake.</summary>
    private const string WebSocketRequest =
        "GET /_blazor HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    private const string LivenessRequest = "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    [Fact]
    public async Task At_the_descriptor_limit_new_connections_are_refused_and_the_server_stays_up_and_answers()
    {
        await using var server = new ServerProcess(
            new Dictionary<string, string?> { ["Logging:LogLevel:Parley.Server.Hosting"] = "Information" },
            descriptorLimit: DescriptorLimit);
        await server.StartAsync();
        await server.WaitForOutputAsync($"(descriptor limit {DescriptorLimit})", Patience);
        var rssAtStart = ResidentKilobytes(server);
        var webSockets = new List<Socket>();
        var http = new List<Socket>();
        try
        {
            // More WebSockets than the process has descriptors, then more kept-alive HTTP connections than it allows.
            await OpenUntilRefusedAsync(server, WebSocketRequest, "HTTP/1.1 101", webSockets);
            await OpenUntilRefusedAsync(server, LivenessRequest, "HTTP/1.1 200", http);

            Assert.True(server.IsRunning, $"The server died at {webSockets.Count} WebSockets, {http.Count} HTTP connections:\n{server.Output}");
            Assert.InRange(webSockets.Count, 1, DescriptorLimit - 1);
            Assert.InRange(http.Count, 1, DescriptorLimit - 1);
            Assert.InRange(Directory.GetFileSystemEntries($"/proc/{server.ProcessId}/fd").Length, 1, DescriptorLimit - 1);
            // The failure this prevents: memory climbing until "Out of memory"; 200 MB is far above what these connections hold.
            Assert.InRange(ResidentKilobytes(server), 1, rssAtStart + 200 * 1024);
            Assert.DoesNotContain("Too many open files", server.Output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Out of memory", server.Output, StringComparison.OrdinalIgnoreCase);
            // Refusals are counted (kestrel.rejected_connections), not logged one warning each.
            Assert.DoesNotContain("rejected because the maximum number of concurrent connections", server.Output, StringComparison.Ordinal);

            // A freed HTTP slot answers health checks again; a freed WebSocket slot takes a new WebSocket.
            Close(http);
            await Eventually.ThatAsync(() => LivenessAnswersAsync(server), ok => ok, "/livez to answer once an HTTP connection closed", Patience);
            Close(webSockets);
            webSockets.Add((await Eventually.ThatAsync<Socket?>(() => OpenAsync(server, WebSocketRequest, "HTTP/1.1 101"), s => s is not null, "a WebSocket to open once one closed", Patience))!);
            Assert.True(server.IsRunning, server.Output);
        }
        finally
        {
            webSockets.Concat(http).ToList().ForEach(s => s.Dispose());
        }
    }

    /// <summary>Opens connections one after the other until the server refuses one (or as many as it has descriptors, if it never does).</summary>
    private static async Task OpenUntilRefusedAsync(ServerProcess server, string request, string accepted, List<Socket> open)
    {
        for (var i = 0; i < DescriptorLimit && server.IsRunning; i++)
        {
            if (await OpenAsync(server, request, accepted) is not { } socket)
            {
                return;
            }

            open.Add(socket);
        }
    }

    /// <summary>
    /// A connection that sent <paramref name="request"/> and got the <paramref name="accepted"/> status line; null when
    /// the server refused it (closed it, reset it, or answered otherwise). Neither within the patience: the server hangs.
    /// </summary>
    private static async Task<Socket?> OpenAsync(ServerProcess server, string request, string accepted)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(Patience);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.BaseAddress.Port), timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            var buffer = new byte[accepted.Length];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), timeout.Token);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (Encoding.ASCII.GetString(buffer, 0, read) == accepted)
            {
                return socket;
            }
        }
        catch (SocketException)
        {
            // Reset or refused: the server did not take it.
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            throw new TimeoutException($"The server neither answered nor refused a connection within {Patience.TotalSeconds} s:\n{server.Output}");
        }

        socket.Dispose();
        return null;
    }

    private static async Task<bool> LivenessAnswersAsync(ServerProcess server)
    {
        // A new connection each time, closed after: it must not hold the slot it found.
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Patience };
        client.DefaultRequestHeaders.ConnectionClose = true;
        try
        {
            using var response = await client.GetAsync(new Uri("livez", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static void Close(List<Socket> sockets)
    {
        sockets[^1].Dispose();
        sockets.RemoveAt(sockets.Count - 1);
    }

    private static long ResidentKilobytes(ServerProcess server)
    {
        var line = File.ReadLines($"/proc/{server.ProcessId}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
