using Parley.Server.Transport;

namespace Parley.Server.Tests.Transport;

/// <summary>The transport specification, run against the in-process bus (role <c>all</c>).</summary>
public sealed class InProcessTransportTests : TransportSpecification
{
    private readonly InProcessBus _bus = new();

    private protected override ICoreTransport NewCore() => _bus.CreateCore();

    private protected override IEdgeTransport NewEdge(string name) => _bus.CreateEdge(name);

    private protected override TimeSpan RequestTimeout => TimeSpan.Zero;
}
