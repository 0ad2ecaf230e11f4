using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

using static Parley.Server.UrlCheck.UrlCheckWording;

namespace Parley.Server.UrlCheck;

/// <summary>
/// The External URL check: is the URL customers use a Parley edge of this installation, do WebSockets pass through,
/// and does the proxy keep the agent/admin side off the internet? Probes over HTTP and a WebSocket (never following
/// redirects), one time limit per request. Whatever answers — an edge, a core, an all-in-one server — is asked for
/// every internal path, and each that answers is named. No UI: the admin page and the <c>check-url</c> verb show the result.
/// </summary>
public sealed partial class UrlChecker : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What must answer 404 through the external URL (see <see cref="InternalPath.All"/>).</summary>
    public static IReadOnlyList<InternalPath> InternalPaths => InternalPath.All;

    private const int MaxAnswerBytes = 16 * 1024;
    private const string ProbeRelative = ".well-known/parley/probe";
    private const string SocketProbeRelative = "hubs/customer/probe";
    private readonly ProbeSigner _signer;
    private readonly ILogger _logger;
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _http;
    private readonly HttpMessageInvoker _invoker;

    public UrlChecker(ProbeSigner signer, TimeSpan? timeout = null, ILogger<UrlChecker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = signer;
        Timeout = timeout ?? DefaultTimeout;
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "The time limit must be positive.");
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        _http = new HttpClient(_handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
        _invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    /// <summary>The time limit of each request (the probe, the WebSocket, each internal path).</summary>
    public TimeSpan Timeout { get; }

    private static string UserAgent => "Parley-UrlCheck/1";

    /// <summary>
    /// Accepts an absolute http:// or https:// URL without user name, query or fragment, and returns it as a chat root
    /// (with a trailing slash). Anything else is a validation error, not a check.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? root, [NotNullWhen(false)] out string? error)
    {
        root = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "Enter the external URL, such as https://chat.example.com/.";
            return false;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host))
        {
            error = $"'{Sanitize(trimmed, 200)}' is not an absolute http:// or https:// URL, such as https://chat.example.com/.";
            return false;
        }

        if (parsed.UserInfo.Length > 0 || parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            error = "Enter the chat root only, without a user name, a query (?…) or a fragment (#…).";
            return false;
        }

        var path = parsed.AbsolutePath.EndsWith('/') ? parsed.AbsolutePath : parsed.AbsolutePath + "/";
        root = new UriBuilder(parsed) { Path = path }.Uri;
        error = null;
        return true;
    }

    /// <summary>Checks <paramref name="url"/> (see <see cref="TryParse"/>; anything else throws <see cref="ArgumentException"/>).</summary>
    public async Task<UrlCheckResult> CheckAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!TryParse(url.OriginalString, out var root, out var error))
        {
            throw new ArgumentException(error, nameof(url));
        }

        var started = Stopwatch.GetTimestamp();
        var result = await RunAsync(root, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogChecked(root, result.Outcome, elapsed);
        return result;
    }

    private async Task<UrlCheckResult> RunAsync(Uri root, CancellationToken ct)
    {
        // 1. A Parley edge of this installation? If nothing answers, the other steps could not tell more.
        var probe = await ProbeAsync(root, ct);
        if (probe.Failure is { Outcome: UrlCheckOutcome.Unknown } unreachable)
        {
            return new UrlCheckResult(root, unreachable.Outcome, [unreachable.Reason], probe.EdgeName, probe.Version);
        }

        // 2. WebSockets through the same URL (an edge only), and nothing of the agent/admin side published — asked of
        // whatever answers: pointed at a core or an all-in-one server, those paths are the worst finding.
        var socket = probe.Failure is null ? ProbeSocketAsync(root, ct) : Task.FromResult<Finding?>(null);
        var paths = InternalPaths.Select(p => CheckInternalAsync(root, p, probe.BlanketStatus, ct)).ToArray();
        var findings = new List<Finding>();
        if (await socket is { } socketFinding)
        {
            findings.Add(socketFinding);
        }

        var published = (await Task.WhenAll(paths)).OfType<Finding>().ToList();
        if (probe.Failure is { } failure)
        {
            findings.Add(failure);
            var answering = published.Count(f => f.Outcome == UrlCheckOutcome.Invalid);
            if (answering > 0)
            {
                findings.Add(Invalid($"The agent/admin side answers at this URL ({answering} of the {InternalPaths.Count} paths checked, below): it looks like a Parley core or an all-in-one server published without an edge or a proxy in front — customers must reach an edge, and the core must stay on the inner network."));
            }
        }

        findings.AddRange(published);
        if (findings.Count == 0)
        {
            var ms = Math.Max(1, (long)Math.Round(probe.RoundTrip.TotalMilliseconds));
            return new UrlCheckResult(root, UrlCheckOutcome.Valid,
            [
                $"The URL reaches the Parley edge '{probe.EdgeName}' of this installation (version {probe.Version}) in {ms} ms.",
                "WebSocket connections pass through to the edge.",
                $"None of the {InternalPaths.Count} agent and admin paths checked answers through the URL: the proxy publishes only the customer side.",
            ], probe.EdgeName, probe.Version, probe.RoundTrip);
        }

        var outcome = findings.Any(f => f.Outcome == UrlCheckOutcome.Invalid) ? UrlCheckOutcome.Invalid : UrlCheckOutcome.Unknown;
        return new UrlCheckResult(root, outcome, findings.Select(f => f.Reason).ToList(), probe.EdgeName, probe.Version, probe.RoundTrip);
    }

    private async Task<ProbeStep> ProbeAsync(Uri root, CancellationToken ct)
    {
        var nonce = ProbeSigner.NewNonce();
        var shown = Shown(root, ProbeRelative);
        using var patience = Patience(ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, ProbeRelative + "?nonce=" + nonce));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
            var body = await ReadLimitedAsync(response.Content, patience.Token);
            var roundTrip = Stopwatch.GetElapsedTime(started);
            var status = Status(response.StatusCode);
            switch ((int)response.StatusCode)
            {
                case StatusCodes.Status429TooManyRequests:
                    return ProbeStep.Failed(Unknown($"The edge refused the check because it received too many probes from this address ({status}): try again in a minute."));
                case StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout:
                    return ProbeStep.NotAnEdge(Invalid($"The URL reaches a web server, but it does not reach a Parley edge behind it: {shown} answered {status} — check that the edge runs and that the proxy points at it."), response.StatusCode);
                case >= 300 and < 400:
                    var location = Sanitize(response.Headers.Location?.ToString(), 200);
                    return ProbeStep.NotAnEdge(Invalid($"The URL reaches a web server, but not a Parley edge: {shown} answered {status}, a redirect to '{location}' — check that address instead."), response.StatusCode);
                case < 200 or >= 300:
                    return ProbeStep.NotAnEdge(Invalid($"The URL reaches a web server, but not a Parley edge: {shown} answered {status}."), response.StatusCode);
            }

            if (Parse(body) is not { } answer)
            {
                return ProbeStep.NotAnEdge(Invalid($"The URL reaches a web server, but not a Parley edge: {shown} answered {status} without a Parley probe answer."), response.StatusCode);
            }

            var edge = Sanitize(answer.Edge);
            var version = Sanitize(answer.Version);
            if (!_signer.Verify(nonce, answer.Proof))
            {
                return ProbeStep.Failed(
                    Invalid($"The URL reaches a Parley edge of another installation (edge '{edge}'): its proof does not match this installation's key — check the URL, or give that edge this installation's key."),
                    edge, version);
            }

            return new ProbeStep(edge, version, roundTrip, null, null);
        }
        catch (Exception e) when (IsNetworkFailure(e, ct))
        {
            LogStepFailed(root, "probe", e);
            return ProbeStep.Failed(Unknown(Describe(e, root, Timeout)));
        }
    }

    private async Task<Finding?> ProbeSocketAsync(Uri root, CancellationToken ct)
    {
        var nonce = ProbeSigner.NewNonce();
        var shown = Shown(root, SocketProbeRelative);
        var target = new UriBuilder(new Uri(root, SocketProbeRelative))
        {
            Scheme = root.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = "nonce=" + nonce,
        }.Uri;
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("User-Agent", UserAgent);
        using var patience = Patience(ct);
        try
        {
            await socket.ConnectAsync(target, _invoker, patience.Token);
        }
        catch (WebSocketException) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
        {
            var status = Status(socket.HttpStatusCode);
            return socket.HttpStatusCode == HttpStatusCode.NotFound
                ? Invalid($"WebSockets do not reach the edge: {shown} answered {status} to the upgrade request — publish /hubs/customer/ in the proxy, with the Upgrade and Connection headers.")
                : Invalid($"WebSocket upgrade does not pass through the proxy: {shown} answered {status} to the upgrade request — add the Upgrade and Connection headers to the proxy.");
        }
        catch (Exception e) when (Unwrap(e) is var cause && IsNetworkFailure(cause, ct))
        {
            LogStepFailed(root, "WebSocket probe", e);
            return Unknown("WebSocket probe: " + Describe(cause, target, Timeout));
        }
        catch (WebSocketException e)
        {
            LogStepFailed(root, "WebSocket probe", e);
            return Invalid($"The WebSocket upgrade at {shown} failed ({Said(e)}) — check that the proxy forwards /hubs/customer/ with the Upgrade and Connection headers.");
        }

        try
        {
            var buffer = new byte[MaxAnswerBytes];
            var count = 0;
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(count), patience.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return Invalid($"The WebSocket connection to {shown} opened, but closed without a probe answer — the proxy sends WebSockets somewhere else than the edge.");
                }

                count += received.Count;
                if (received.EndOfMessage)
                {
                    break;
                }

                if (count == buffer.Length)
                {
                    return Invalid($"The WebSocket at {shown} answered, but not with a Parley probe answer — the proxy sends WebSockets somewhere else than the edge.");
                }
            }

            if (Parse(buffer.AsSpan(0, count)) is not { } answer)
            {
                return Invalid($"The WebSocket at {shown} answered, but not with a Parley probe answer — the proxy sends WebSockets somewhere else than the edge.");
            }

            if (!_signer.Verify(nonce, answer.Proof))
            {
                return Invalid($"WebSockets reach a Parley edge of another installation (edge '{Sanitize(answer.Edge)}') — the proxy sends /hubs/customer/ somewhere else than the rest of the URL.");
            }

            await CloseQuietlyAsync(socket, patience.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Unknown($"Time-out: the WebSocket connection to {shown} opened, but no probe answer arrived within {Seconds(Timeout)} — the proxy may buffer WebSocket traffic.");
        }
        catch (WebSocketException e)
        {
            LogStepFailed(root, "WebSocket probe", e);
            return Invalid($"The WebSocket connection to {shown} broke before the probe answered ({Said(e)}) — check the proxy's WebSocket settings.");
        }
    }

    /// <param name="blanketStatus">
    /// Null for a Parley edge. Otherwise what the server answered the probe: a path answering the same (every path
    /// redirected, or 200 for all) tells nothing, nor does 405 (the core serves each path with the method asked).
    /// </param>
    private async Task<Finding?> CheckInternalAsync(Uri root, InternalPath path, HttpStatusCode? blanketStatus, CancellationToken ct)
    {
        var shown = Shown(root, path.Path) + (path.Method == HttpMethod.Get ? "" : $" ({path.Method.Method})");
        using var patience = Patience(ct);
        try
        {
            using var request = new HttpRequestMessage(path.Method, new Uri(root, path.Path));
            if (path.JsonBody is { } body)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
            var nothingThere = response.StatusCode == HttpStatusCode.NotFound
                || (blanketStatus is not null && (response.StatusCode == blanketStatus || response.StatusCode == HttpStatusCode.MethodNotAllowed));
            return nothingThere
                ? null
                : Invalid($"Internal path {shown} answers {Status(response.StatusCode)} through the external URL — {path.Published}.");
        }
        catch (Exception e) when (IsNetworkFailure(e, ct))
        {
            LogStepFailed(root, path.Path, e);
            return Unknown($"Internal path {shown}: {Describe(e, root, Timeout)}");
        }
    }

    private static Exception Unwrap(Exception e) => e is WebSocketException { InnerException: { } inner } ? inner : e;

    private CancellationTokenSource Patience(CancellationToken ct)
    {
        var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Timeout);
        return patience;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket, CancellationToken ct)
    {
        try
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The answer is what counts; a close that does not complete cleanly changes nothing.
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxAnswerBytes];
        var count = 0;
        int read;
        while (count < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(count), ct)) > 0)
        {
            count += read;
        }

        return buffer[..count];
    }

    private static ProbeAnswer? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var answer = JsonSerializer.Deserialize<ProbeAnswer>(json, JsonSerializerOptions.Web);
            return answer is { Edge: not null, Version: not null, Proof: not null } ? answer : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The path as the admin knows it: <c>/admin</c>, or <c>/chat/admin</c> under a path prefix.</summary>
    private static string Shown(Uri root, string relative) => root.AbsolutePath + relative;

    private static Finding Invalid(string reason) => new(UrlCheckOutcome.Invalid, reason);

    private static Finding Unknown(string reason) => new(UrlCheckOutcome.Unknown, reason);

    public void Dispose()
    {
        _invoker.Dispose();
        _http.Dispose();
        _handler.Dispose();
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "External URL check of {Url}: {Outcome} after {Elapsed}")]
    private partial void LogChecked(Uri url, UrlCheckOutcome outcome, TimeSpan elapsed);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Debug, Message = "External URL check of {Url}: {Step} failed")]
    private partial void LogStepFailed(Uri url, string step, Exception exception);

    private sealed record Finding(UrlCheckOutcome Outcome, string Reason);

    /// <param name="BlanketStatus">The status of a probe answer that was not Parley's (see <see cref="CheckInternalAsync"/>).</param>
    private sealed record ProbeStep(string? EdgeName, string? Version, TimeSpan RoundTrip, Finding? Failure, HttpStatusCode? BlanketStatus)
    {
        public static ProbeStep Failed(Finding failure, string? edgeName = null, string? version = null) => new(edgeName, version, TimeSpan.Zero, failure, null);

        public static ProbeStep NotAnEdge(Finding failure, HttpStatusCode answered) => new(null, null, TimeSpan.Zero, failure, answered);
    }
}
