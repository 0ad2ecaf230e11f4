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

        public Task SendAsync(string edge, EdgeEvent edgeEvent, CancellationToken cancellationToken) =>
            bus._edges.TryGetValue(edge, out var handler) ? handler.HandleAsync(RoundTrip(edgeEvent), cancellationToken) : Task.CompletedTask;

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
            if (bus._core is not { } core)
            {
                return CoreResult.Fail<TReply>(CoreError.Unavailable, CoreResult.UnavailableDetail);
            }

            var received = RoundTrip((CoreRequest)request);
            CoreResult<TReply> reply;
            try
            {
                reply = CoreResult.Ok((TReply)await core.HandleAsync(received, new RequestOrigin(name, Guid.NewGuid().ToString("N")), cancellationToken));
            }
            catch (CoreException e)
            {
                reply = CoreResult.Fail<TReply>(e.Error, e.Message);
            }

            return RoundTrip(reply);
        }

        public ValueTask DisposeAsync()
        {
            bus._edges.TryRemove(name, out _);
            return ValueTask.CompletedTask;
        }
    }
}
