using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Parley.Server.Tests.Telemetry;

/// <summary>
/// A stand-in OpenTelemetry collector: OTLP over HTTP (<c>http/protobuf</c>) on a loopback port, keeping every body
/// posted to <c>/v1/traces</c>, <c>/v1/metrics</c> or <c>/v1/logs</c>. Protobuf keeps strings as UTF-8, so a test can
/// look for a span or service name in the bytes without decoding them.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Whether any body posted to <paramref name="path"/> holds all of <paramref name="texts"/>.</summary>
    public bool Received(string path, params string[] texts) =>
        _received.Any(r => r.Path == path && texts.All(t => System.Text.Encoding.UTF8.GetString(r.Body).Contains(t, StringComparison.Ordinal)));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
