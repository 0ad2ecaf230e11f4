using RabbitMQ.Client;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// The broker objects of the RabbitMQ transport. Only the core declares them (its user has configure permission on
/// <c>^parley\.</c>); an edge declares nothing, it publishes to <c>parley.inbound</c> and reads its own queue.
/// <code>
///   edge ──publish──▶ parley.inbound (direct, durable) ──"request"──▶ parley.core (quorum queue) ──▶ core
///   core ──publish──▶ parley.edges   (direct, durable) ──"NAME"─────▶ parley.edge.NAME (classic, durable) ──▶ edge NAME
/// </code>
/// <list type="bullet">
/// <item><c>parley.core</c> is a quorum queue: the requests carry customers' messages that are acknowledged to the
/// customer only once stored, so they get the broker's safest queue type (replicated in a cluster, fsynced, a
/// delivery limit against a request that crashes the core again and again). Quorum queues take per-message TTL
/// from RabbitMQ 3.10 on, which the expiring requests need.</item>
/// <item><c>parley.edge.NAME</c> carries the answers to that edge's requests (by correlation id) and the core's
/// events for it. The core declares it, with its binding, when it first hears from the edge and before it answers.
/// It is a classic durable queue: its messages are worth little after a while (an answer nobody waits for, events
/// that are hints: customers resume from the history), so they expire after <see cref="EdgeMessageTtl"/>, and the
/// queue of an edge that went away for good disappears after <see cref="EdgeQueueExpiry"/> unused.</item>
/// </list>
/// Tests give each test its own <see cref="Prefix"/>; a deployment always uses <see cref="Default"/> (the users'
/// permissions of scripts/rabbitmq-setup name these queues and exchanges).
/// </summary>
internal sealed class RabbitMqTopology
{
    public static readonly RabbitMqTopology Default = new("parley");

    /// <summary>How long an answer or event waits in an edge's queue.</summary>
    public static readonly TimeSpan EdgeMessageTtl = TimeSpan.FromMinutes(10);

    /// <summary>An edge queue without consumers for this long is deleted by the broker.</summary>
    public static readonly TimeSpan EdgeQueueExpiry = TimeSpan.FromDays(1);

    /// <summary>A request delivered this many times without being acknowledged is dropped (poison message).</summary>
    public const int CoreDeliveryLimit = 20;

    /// <summary>The routing key of requests on the inbound exchange.</summary>
    public const string RequestRoutingKey = "request";

    public RabbitMqTopology(string prefix)
    {
        Prefix = prefix;
        InboundExchange = prefix + ".inbound";
        CoreQueue = prefix + ".core";
        EdgesExchange = prefix + ".edges";
    }

    public string Prefix { get; }
    public string InboundExchange { get; }
    public string CoreQueue { get; }
    public string EdgesExchange { get; }

    public string EdgeQueue(string edge) => $"{Prefix}.edge.{edge}";

    /// <summary>The exchanges and the core's queue. Idempotent; the same arguments every time.</summary>
    public async Task DeclareCoreAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(InboundExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(EdgesExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(CoreQueue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = CoreDeliveryLimit,
        }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(CoreQueue, InboundExchange, RequestRoutingKey, cancellationToken: cancellationToken);
    }

    /// <summary>One edge's queue and its binding. Idempotent; the same arguments every time.</summary>
    public async Task DeclareEdgeAsync(IChannel channel, string edge, CancellationToken cancellationToken)
    {
        var queue = EdgeQueue(edge);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-queue-type"] = "classic",
            ["x-message-ttl"] = (int)EdgeMessageTtl.TotalMilliseconds,
            ["x-expires"] = (int)EdgeQueueExpiry.TotalMilliseconds,
        }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, EdgesExchange, edge, cancellationToken: cancellationToken);
    }
}
