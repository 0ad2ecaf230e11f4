using System.Collections.Concurrent;
using System.Text.Json;
using Parley.Server.Contracts;

namespace Parley.Server.Transport;

/// <summary>
/// Edge and core in one process (role <c>all</c>, and tests). Every message is still serialized and read back, so
/// the contracts stay transport-safe: nothing that would not cross a broker can cross here.
/// </summary>
public sealed class InProcessBus
{
    private readonly ConcurrentDictionary<string, IEdgeEventHandler> _edges = new(StringComparer.Ordinal);
    private volatile ICoreRequestHandler? _core;

    public ICoreTransport CreateCore() => new Core(this);

    public IEdgeTransport CreateEdge(string name) => new Edge(this, name);

    private static T RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, TransportJson.Options), TransportJson.Options)!;

    private sealed class Core(InProcessBus bus) : ICoreTransport
    {
        public Task StartAsync(ICoreRequestHandler handler, CancellationToken cancellationToken)
        {
            bus._core = handler;
            return Task.CompletedTask;
        }

        public async Task SendAsync(string edge, EdgeEvent edgeEvent, CancellationToken cancellationToken)
        {
            if (bus._edges.TryGetValue(edge, out var handler))
            {
                // The trace context crosses as it would in the broker's headers, not by sharing the caller's.
                var headers = TransportTracing.Headers(null);
                var received = RoundTrip(edgeEvent);
                using var activity = TransportTracing.StartEvent(received, TransportTracing.Extract(headers));
                await handler.HandleAsync(received, cancellationToken);
            }
        }

        public ValueTask DisposeAsync()
        {
            bus._core = null;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Edge(InProcessBus bus, string name) : IEdgeTransport
    {
        public string EdgeName => name;

        public Task StartAsync(IEdgeEventHandler handler, CancellationToken cancellationToken)
        {
            bus._edges[name] = handler;
            return Task.CompletedTask;
        }

        public async Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken)
        {
            using var activity = TransportTracing.StartRequest((CoreRequest)request);
            if (bus._core is not { } core)
            {
                TransportTracing.Failed(activity, CoreResult.UnavailableDetail);
                return CoreResult.Fail<TReply>(CoreError.Unavailable, CoreResult.UnavailableDetail);
            }

            var received = RoundTrip((CoreRequest)request);
            var headers = TransportTracing.Headers(activity);
            CoreResult<TReply> reply;
            try
            {
                reply = CoreResult.Ok((TReply)await HandleAsync(core, received, headers, cancellationToken));
            }
            catch (CoreException e)
            {
                reply = new CoreResult<TReply>(default, e.Failure);
            }

            return RoundTrip(reply);
        }

        /// <summary>The core's side: its span continues the trace of the headers, as behind the broker.</summary>
        private async Task<object> HandleAsync(ICoreRequestHandler core, CoreRequest request, Dictionary<string, string> headers, CancellationToken cancellationToken)
        {
            using var activity = TransportTracing.StartHandling(request, TransportTracing.Extract(headers));
            return await core.HandleAsync(request, new RequestOrigin(name, Guid.NewGuid().ToString("N")), cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            bus._edges.TryRemove(name, out _);
            return ValueTask.CompletedTask;
        }
    }
}
