using System.Text.Json;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Transport;
using Parley.Server.Transport.RabbitMq;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Transport;

/// <summary>A virtual host set up by scripts/rabbitmq-setup, with two edge users, deleted afterwards.</summary>
public sealed class RabbitMqSetupFixture : IAsyncLifetime
{
    private BrokerVhost? _vhost;

    public string Vhost => _vhost!.Name;
    public string CoreUri => _vhost?.CoreUri ?? "";
    public string EdgeAUri => _vhost!.EdgeUris["perm-a"];
    public string EdgeBUri => _vhost!.EdgeUris["perm-b"];

    public async Task InitializeAsync() => _vhost = await Broker.CreateVhostAsync("perm-a", "perm-b");

    public async Task DisposeAsync()
    {
        if (_vhost is not null)
        {
            await _vhost.DisposeAsync();
        }
    }
}

/// <summary>The users and permissions of scripts/rabbitmq-setup: enough for the transport, nothing more for an edge.</summary>
public sealed class RabbitMqPermissionTests(RabbitMqSetupFixture setup, ITestOutputHelper output) : IClassFixture<RabbitMqSetupFixture>, IAsyncLifetime
{
    private const ushort AccessRefused = 403;
    private readonly RabbitMqTestScope _broker = new(output, setup.CoreUri, RabbitMqTopology.Default);
    private readonly List<IConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _broker.DisposeAsync();
    }

    private async Task<(TestCore Core, ICoreTransport Transport)> StartCoreAsync()
    {
        var handler = new TestCore();
        var core = _broker.NewCore(_broker.Options(TimeSpan.FromSeconds(5)));
        await core.StartAsync(handler, CancellationToken.None);
        return (handler, core);
    }

    private async Task<(IEdgeTransport Transport, TestEdge Events)> StartEdgeAsync(string name, string uri)
    {
        var events = new TestEdge();
        var edge = _broker.NewEdge(name, _broker.Options(TimeSpan.FromSeconds(5), uri));
        await edge.StartAsync(events, CancellationToken.None);
        Assert.Null((await edge.RequestAsync(new GetQueueInfo("hello"), CancellationToken.None)).Failure);
        return (edge, events);
    }

    private async Task<IConnection> ConnectAsync(string uri)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(uri), ClientProvidedName = "parley permission test" }.CreateConnectionAsync();
        _connections.Add(connection);
        return connection;
    }

    /// <summary>The reply code the broker closed the channel with, or 0 when the action was allowed.</summary>
    private static async Task<ushort> OutcomeAsync(IConnection connection, Func<IChannel, Task> action)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        try
        {
            await action(channel);
            return 0;
        }
        catch (Exception e)
        {
            return (e as OperationInterruptedException)?.ShutdownReason?.ReplyCode
                ?? channel.CloseReason?.ReplyCode
                ?? throw new InvalidOperationException("Failed without a reply code", e);
        }
    }

    private static BasicProperties RequestProperties(string edge, string? userId) => new()
    {
        Persistent = true,
        MessageId = Guid.NewGuid().ToString("N"),
        ReplyTo = edge,
        UserId = userId,
        Type = RabbitMqWire.Request,
    };

    private static byte[] Body(CoreRequest request) => JsonSerializer.SerializeToUtf8Bytes(request, TransportJson.Options);

    [Fact]
    public async Task The_transport_works_with_an_edge_users_permissions()
    {
        var (_, core) = await StartCoreAsync();
        var (edge, events) = await StartEdgeAsync("perm-a", setup.EdgeAUri);

        var answer = await edge.RequestAsync(new GetConversation(Guid.NewGuid()), CancellationToken.None);
        var typing = new AgentTyping(Guid.NewGuid(), "Alice");
        await core.SendAsync("perm-a", typing, CancellationToken.None);

        Assert.Null(answer.Failure);
        Assert.Equal(typing, await events.NextAsync());
    }

    [Fact]
    public async Task An_edge_user_may_check_and_read_its_own_queue_and_nothing_else()
    {
        await StartCoreAsync();
        await StartEdgeAsync("perm-a", setup.EdgeAUri);
        await StartEdgeAsync("perm-b", setup.EdgeBUri);
        var edgeA = await ConnectAsync(setup.EdgeAUri);

        // A passive declare needs no permission at all; reading needs read permission on the queue.
        Assert.Equal(0, await OutcomeAsync(edgeA, ch => ch.QueueDeclarePassiveAsync("parley.edge.perm-a")));
        Assert.Equal(0, await OutcomeAsync(edgeA, ch => ch.BasicGetAsync("parley.edge.perm-a", autoAck: false)));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.BasicConsumeAsync("parley.edge.perm-b", autoAck: true, new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(ch))));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.BasicGetAsync("parley.edge.perm-b", autoAck: true)));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.BasicGetAsync("parley.core", autoAck: true)));
    }

    [Fact]
    public async Task An_edge_user_may_publish_only_to_the_inbound_exchange()
    {
        await StartCoreAsync();
        await StartEdgeAsync("perm-b", setup.EdgeBUri);
        var edgeA = await ConnectAsync(setup.EdgeAUri);
        var body = Body(new GetQueueInfo("support"));

        Assert.Equal(0, await OutcomeAsync(edgeA, ch => ch.BasicPublishAsync("parley.inbound", RabbitMqTopology.RequestRoutingKey, true, RequestProperties("perm-a", "parley-edge-perm-a"), body).AsTask()));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.BasicPublishAsync("parley.edges", "perm-b", true, new BasicProperties { Type = RabbitMqWire.Event }, body).AsTask()));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.BasicPublishAsync("", "parley.core", true, RequestProperties("perm-a", null), body).AsTask()));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.BasicPublishAsync("", "parley.edge.perm-b", true, new BasicProperties(), body).AsTask()));
    }

    [Fact]
    public async Task An_edge_user_may_not_declare_bind_or_delete_anything()
    {
        await StartCoreAsync();
        await StartEdgeAsync("perm-a", setup.EdgeAUri);
        var edgeA = await ConnectAsync(setup.EdgeAUri);

        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.QueueDeclareAsync("parley.edge.perm-a", true, false, false)));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.QueueDeclareAsync("my-own-queue", false, true, true)));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.QueueDeclareAsync()));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.ExchangeDeclareAsync("parley.mine", ExchangeType.Fanout)));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.QueueBindAsync("parley.edge.perm-a", "parley.edges", "perm-b")));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.QueueDeleteAsync("parley.core")));
        Assert.Equal(AccessRefused, await OutcomeAsync(edgeA, ch => ch.QueuePurgeAsync("parley.core"))); // its own queue it may purge (read)
    }

    [Fact]
    public async Task The_core_user_may_touch_only_parley_names()
    {
        var core = await ConnectAsync(setup.CoreUri);

        Assert.Equal(0, await OutcomeAsync(core, ch => ch.QueueDeclareAsync("parley.permission-check", false, false, true)));
        Assert.Equal(AccessRefused, await OutcomeAsync(core, ch => ch.QueueDeclareAsync("elsewhere", false, false, true)));
    }

    [Fact]
    public async Task The_broker_refuses_a_request_with_another_users_id()
    {
        await StartCoreAsync();
        var edgeA = await ConnectAsync(setup.EdgeAUri);

        var outcome = await OutcomeAsync(edgeA, ch => ch.BasicPublishAsync("parley.inbound", RabbitMqTopology.RequestRoutingKey, true,
            RequestProperties("perm-b", "parley-edge-perm-b"), Body(new GetQueueInfo("support"))).AsTask());

        Assert.Equal(406, outcome); // PRECONDITION_FAILED: user_id property set to 'parley-edge-perm-b' but authenticated user was 'parley-edge-perm-a'
    }

    [Fact]
    public async Task The_core_refuses_a_request_in_which_an_edge_claims_another_edges_name()
    {
        var (handler, _) = await StartCoreAsync();
        var edgeA = await ConnectAsync(setup.EdgeAUri);

        var outcome = await OutcomeAsync(edgeA, ch => ch.BasicPublishAsync("parley.inbound", RabbitMqTopology.RequestRoutingKey, true,
            RequestProperties("perm-b", "parley-edge-perm-a"), Body(new EndConversation(Guid.NewGuid()))).AsTask());
        var refusal = await _broker.Log.WaitForAsync(6021);

        Assert.Equal(0, outcome);
        Assert.Contains("parley-edge-perm-a", refusal.Message);
        Assert.Empty(handler.Received);
    }
}
