using Parley.Server.Transport;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Transport;

/// <summary>The transport specification, run against RabbitMQ (scripts/rabbitmq; PARLEY_TEST_RABBITMQ).</summary>
public sealed class RabbitMqTransportTests(ITestOutputHelper output) : TransportSpecification
{
    private readonly RabbitMqTestScope _broker = new(output);

    private protected override TimeSpan RequestTimeout => TimeSpan.FromSeconds(3);

    private protected override ICoreTransport NewCore() => _broker.NewCore(_broker.Options(RequestTimeout));

    private protected override IEdgeTransport NewEdge(string name) => _broker.NewEdge(name, _broker.Options(RequestTimeout));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
