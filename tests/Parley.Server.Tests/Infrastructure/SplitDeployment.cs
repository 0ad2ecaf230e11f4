namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The DMZ deployment for a test: a core and named edges, each with its own broker user in a virtual host of its
/// own. The core runs in this process (its services are inspectable) or as a child process (so it can be killed).
/// </summary>
public sealed class SplitDeployment : IAsyncDisposable
{
    public const string InstallationKey = global::Parley.Server.Tests.Edges.RoleTests.InstallationKey;
    private readonly List<ParleyServer> _edges = [];
    private Dictionary<string, string?> _coreSettings = [];
    private Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? _configure;

    private SplitDeployment(BrokerVhost broker) => Broker = broker;

    public BrokerVhost Broker { get; }
    public ParleyServer? Core { get; private set; }
    public ServerProcess? CoreProcess { get; private set; }
    public IParleyAddress CoreAddress => (IParleyAddress?)Core ?? CoreProcess!;
    public IReadOnlyList<ParleyServer> Edges => _edges;

    /// <param name="configure">Test-only changes to the in-process servers' hosts (a log capture).</param>
    public static async Task<SplitDeployment> StartAsync(string[] edges, bool coreInChildProcess = false, TimeSpan? requestTimeout = null,
        IReadOnlyDictionary<string, string?>? coreSettings = null, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        var broker = await Infrastructure.Broker.CreateVhostAsync(edges);
        var split = new SplitDeployment(broker);
        var core = new Dictionary<string, string?>
        {
            ["Parley:Role"] = "core",
            ["Parley:InstallationKey"] = InstallationKey,
            ["Parley:RabbitMq:Uri"] = broker.CoreUri,
            ["Parley:Edge:HeartbeatInterval"] = "00:00:01",
        };
        foreach (var (key, value) in coreSettings ?? new Dictionary<string, string?>())
        {
            core[key] = value;
        }

        (split._coreSettings, split._configure) = (core, configure);
        if (coreInChildProcess)
        {
            split.CoreProcess = new ServerProcess(core);
            await split.CoreProcess.StartAsync();
        }
        else
        {
            split.Core = new ParleyServer(settings: core, configure: configure);
        }

        foreach (var name in edges)
        {
            var settings = global::Parley.Server.Tests.Edges.RoleTests.Edge(broker.EdgeUris[name], name);
            settings["Parley:Edge:Site"] = "Site of " + name;
            settings["Parley:Edge:HeartbeatInterval"] = "00:00:01";
            settings["Parley:RabbitMq:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(10)).ToString();
            split._edges.Add(new ParleyServer(settings: settings, configure: configure));
        }

        return split;
    }

    /// <summary>
    /// Stops the in-process core and starts a new one on the same broker (with a new data directory: what only the core's
    /// memory held is gone either way), while the edges keep running.
    /// </summary>
    public async Task RestartCoreAsync()
    {
        await Core!.DisposeAsync();
        Core = new ParleyServer(settings: _coreSettings, configure: _configure);
    }

    public ParleyServer Edge(string name) => _edges.Single(e => e.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<global::Parley.Server.Transport.EdgeOptions>>().Value.Name == name);

    public async ValueTask DisposeAsync()
    {
        foreach (var edge in _edges)
        {
            await edge.DisposeAsync();
        }

        if (Core is not null)
        {
            await Core.DisposeAsync();
        }

        if (CoreProcess is not null)
        {
            await CoreProcess.DisposeAsync();
        }

        await Broker.DisposeAsync();
    }
}
