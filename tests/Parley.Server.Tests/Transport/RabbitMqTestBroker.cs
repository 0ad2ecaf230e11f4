using Parley.Server.Transport;
using Parley.Server.Transport.RabbitMq;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Transport;

/// <summary>
/// The real broker of scripts/rabbitmq for the RabbitMQ transport tests. PARLEY_TEST_RABBITMQ is the core's URI
/// (scripts/test exports it). Without it these tests fail, they never skip.
/// </summary>
internal static class RabbitMqTestBroker
{
    public const string Variable = "PARLEY_TEST_RABBITMQ";

    public static string CoreUri =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } uri
            ? uri
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need the project's RabbitMQ. Run scripts/test, or scripts/rabbitmq start && " +
                $"scripts/rabbitmq-setup and export {Variable}=$(scripts/rabbitmq url)");

    /// <summary>The URI with another user, password, virtual host or port.</summary>
    public static string With(string uri, string? vhost = null, int? port = null)
    {
        var builder = new UriBuilder(uri);
        if (vhost is not null)
        {
            builder.Path = "/" + Uri.EscapeDataString(vhost);
        }

        if (port is { } p)
        {
            builder.Port = p;
        }

        return builder.Uri.AbsoluteUri;
    }
}

/// <summary>
/// One test's share of the broker: its own topology names (<c>parley.tXXXXXXXX.*</c>, inside the core user's
/// <c>^parley\.</c> permissions), so tests run in parallel without taking each other's messages. Deletes its
/// queues and exchanges at the end.
/// </summary>
internal sealed class RabbitMqTestScope : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _opened = [];
    private readonly HashSet<string> _edges = ["edge-a", "edge-b"]; // also the queues a core declared for raw test messages
    private IConnection? _admin;

    public RabbitMqTestScope(ITestOutputHelper? output = null, string? uri = null, RabbitMqTopology? topology = null)
    {
        Uri = uri ?? RabbitMqTestBroker.CoreUri;
        Topology = topology ?? new RabbitMqTopology("parley.t" + Guid.NewGuid().ToString("N")[..8]);
        Log = new LogSink(output);
    }

    /// <summary>The core user's URI.</summary>
    public string Uri { get; }

    public RabbitMqTopology Topology { get; }

    public LogSink Log { get; }

    public RabbitMqOptions Options(TimeSpan requestTimeout, string? uri = null) => new() { Uri = uri ?? Uri, RequestTimeout = requestTimeout };

    public RabbitMqCoreTransport NewCore(RabbitMqOptions options) => Track(new RabbitMqCoreTransport(options, Topology, Log.Factory));

    public RabbitMqEdgeTransport NewEdge(string name, RabbitMqOptions options)
    {
        _edges.Add(name);
        return Track(new RabbitMqEdgeTransport(options, name, Topology, Log.Factory));
    }

    private T Track<T>(T transport) where T : IAsyncDisposable
    {
        _opened.Add(transport);
        return transport;
    }

    /// <summary>A plain connection with the core user, to look into queues and publish by hand.</summary>
    public async Task<IConnection> AdminAsync()
    {
        _admin ??= await new ConnectionFactory { Uri = new Uri(Uri), ClientProvidedName = "parley test admin" }.CreateConnectionAsync();
        return _admin;
    }

    /// <summary>How many messages wait in the core's queue (unacknowledged ones not counted).</summary>
    public async Task<uint> CoreQueueLengthAsync()
    {
        await using var channel = await (await AdminAsync()).CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(Topology.CoreQueue)).MessageCount;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in Enumerable.Reverse(_opened))
        {
            await opened.DisposeAsync();
        }

        try
        {
            var admin = await AdminAsync();
            await using var channel = await admin.CreateChannelAsync();
            foreach (var queue in _edges.Select(Topology.EdgeQueue).Append(Topology.CoreQueue))
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            }

            await channel.ExchangeDeleteAsync(Topology.InboundExchange, ifUnused: false);
            await channel.ExchangeDeleteAsync(Topology.EdgesExchange, ifUnused: false);
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            // Best effort: a broker that is down keeps a few empty test queues.
        }
        finally
        {
            if (_admin is not null)
            {
                await _admin.DisposeAsync();
            }
        }
    }
}
