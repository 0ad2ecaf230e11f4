using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Parley.Server.UrlCheck;

/// <summary>
/// The edge probes (served by every role that serves customers): <c>GET /.well-known/parley/probe?nonce=…</c> and the
/// same answer over a WebSocket at <c>/hubs/customer/probe?nonce=…</c>, under the customer hub's path so that it
/// passes through the same proxy location as the hub.
/// </summary>
public static class ProbeEndpoints
{
    public const string ProbePath = "/.well-known/parley/probe";
    public const string SocketProbePath = "/hubs/customer/probe";
    public const string Limit = "edge-probe";

    private static readonly Dictionary<string, string[]> NonceErrors = new()
    {
        ["nonce"] = [$"Send a nonce of {ProbeSigner.MinNonceLength}–{ProbeSigner.MaxNonceLength} characters A–Z, a–z, 0–9, '-' and '_'."],
    };

    public static IEndpointRouteBuilder MapEdgeProbes(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProbePath, Probe).WithName("EdgeProbe").WithTags("Publishing").RequireRateLimiting(Limit).AllowAnonymous();

        // As the hubs do: a small pipeline of its own that understands WebSocket upgrades.
        var socket = app.CreateApplicationBuilder();
        socket.UseWebSockets();
        socket.Run(SocketProbeAsync);
        app.Map(SocketProbePath, socket.Build()).WithDisplayName("Edge WebSocket probe").RequireRateLimiting(Limit).AllowAnonymous();
        return app;
    }

    private static Results<Ok<ProbeAnswer>, ValidationProblem> Probe([FromQuery] string? nonce, HttpContext http, EdgeProbe probe)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!ProbeSigner.IsNonce(nonce))
        {
            probe.LogBadNonce();
            return TypedResults.ValidationProblem(NonceErrors, title: "The probe needs a valid nonce.");
        }

        return TypedResults.Ok(probe.Answer(nonce!));
    }

    private static async Task SocketProbeAsync(HttpContext http)
    {
        var probe = http.RequestServices.GetRequiredService<EdgeProbe>();
        http.Response.Headers.CacheControl = "no-store";
        var nonce = http.Request.Query["nonce"].Count == 1 ? http.Request.Query["nonce"][0] : null;
        if (!http.WebSockets.IsWebSocketRequest)
        {
            probe.LogNotAnUpgrade();
            await TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "This is a WebSocket probe.",
                detail: "Connect with a WebSocket upgrade (Upgrade: websocket). A proxy in front of Parley must forward the Upgrade and Connection headers.")
                .ExecuteAsync(http);
            return;
        }

        if (!ProbeSigner.IsNonce(nonce))
        {
            probe.LogBadNonce();
            await TypedResults.ValidationProblem(NonceErrors, title: "The probe needs a valid nonce.").ExecuteAsync(http);
            return;
        }

        await probe.AnswerOverSocketAsync(http, nonce!);
    }
}
