using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>One all-in-one server with nginx in front of it in every variant.</summary>
public sealed class ProxyFixture : IAsyncLifetime
{
    private readonly Dictionary<NginxVariant, NginxProxy> _proxies = [];

    public ParleyServer Server { get; private set; } = null!;

    public NginxProxy this[NginxVariant variant] => _proxies[variant];

    public async Task InitializeAsync()
    {
        Server = new ParleyServer();
        foreach (var variant in Enum.GetValues<NginxVariant>())
        {
            _proxies[variant] = await NginxProxy.StartAsync(variant, Server.BaseAddress);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var proxy in _proxies.Values)
        {
            await proxy.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
