using System.Net.WebSockets;
using System.Reflection;
using System.Text.Json;

namespace Parley.Server.UrlCheck;

/// <summary>What an edge answers to a probe: its name, the server version and the proof for the nonce.</summary>
public sealed record ProbeAnswer(string Edge, string Version, string Proof);

/// <summary>
/// This edge's side of the External URL check: it answers probes (plain HTTP and over a WebSocket) with its name,
/// the server version and the proof that it belongs to this installation.
/// </summary>
public sealed partial class EdgeProbe(ProbeSigner signer, Microsoft.Extensions.Options.IOptions<Transport.EdgeOptions> options, ILogger<EdgeProbe> logger)
{
    private static readonly TimeSpan SocketPatience = TimeSpan.FromSeconds(10);

    /// <summary>The server's informational version (what <c>dotnet --version</c>-style tools print).</summary>
    public static string Version { get; } =
        typeof(EdgeProbe).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string EdgeName => options.Value.Name;

    /// <summary>The answer to a valid nonce (see <see cref="ProbeSigner.IsNonce"/>).</summary>
    public ProbeAnswer Answer(string nonce) => new(EdgeName, Version, signer.Prove(nonce));

    /// <summary>Accepts the WebSocket, sends the answer as one text frame and closes normally.</summary>
    public async Task AnswerOverSocketAsync(HttpContext http, string nonce)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        patience.CancelAfter(SocketPatience);
        try
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(Answer(nonce), JsonSerializerOptions.Web);
            await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, patience.Token);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "probe answered", patience.Token);
            LogSocketProbeAnswered(http.Connection.RemoteIpAddress);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The checker went away or never closed its side: nothing to clean up beyond the socket.
            LogSocketProbeAbandoned(e.Message);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Edge probe refused: the nonce is missing or malformed")]
    public partial void LogBadNonce();

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "WebSocket edge probe answered to {Client}")]
    private partial void LogSocketProbeAnswered(System.Net.IPAddress? client);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "WebSocket edge probe abandoned: {Reason}")]
    private partial void LogSocketProbeAbandoned(string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "WebSocket edge probe refused: the request is not a WebSocket upgrade")]
    public partial void LogNotAnUpgrade();
}
