using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real Parley server (all-in-one) on a loopback port with Kestrel, real HTTP and WebSockets, and its own
/// data directory. Disposing stops it; a new instance on the same directory is a restart. It runs on real time unless
/// given a <see cref="FakeTimeProvider"/>: then every timer of the server's own (offer time-outs, wrap-ups, maximum
/// waits, the sign-out grace, queue standings, heartbeats) waits for the test to <c>Advance</c> the clock. What runs
/// on its own time inside ASP.NET Core (Kestrel, SignalR keep-alives, rate limiters) stays real.
/// </summary>
public sealed class ParleyServer : IParleyAddress, IAsyncDisposable
{
    public const string AgentPassword = ParleyClient.AgentPassword;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly bool _ownsDirectory;
    private readonly FakeTimeProvider? _time;

    /// <param name="configure">Test-only changes to the host (a log capture, a decorated service).</param>
    /// <param name="time">The server's clock, driven by the test; real time when null.</param>
    public ParleyServer(string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null, FakeTimeProvider? time = null)
    {
        _ownsDirectory = dataDirectory is null;
        _time = time;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("parley-test-").FullName;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            web.UseSetting("Parley:DataDirectory", DataDirectory);
            web.UseSetting("Parley:Demo:AgentPassword", AgentPassword);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }

            if (time is not null)
            {
                web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
            }

            configure?.Invoke(web);
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _factory.Services;

    /// <summary>The clock the test drives (see the constructor's <c>time</c>).</summary>
    public FakeTimeProvider Time => _time ?? throw new InvalidOperationException("This server runs on real time: start it with time: new FakeTimeProvider(…) to drive its clock.");

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_ownsDirectory)
        {
            TryDelete(DataDirectory);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS; the temp directory is cleaned up later anyway.
        }
    }

}

public sealed record StartedConversation(Guid ConversationId, string CustomerToken, string VisitorToken, ConversationStatus Status);
