using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real Parley server (all-in-one) on a loopback port with Kestrel, real HTTP and WebSockets, and its own
/// data directory. Disposing stops it; a new instance on the same directory is a restart.
/// </summary>
public sealed class ParleyServer : IParleyAddress, IAsyncDisposable
{
    public const string AgentPassword = ParleyClient.AgentPassword;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly bool _ownsDirectory;

    /// <param name="configure">Test-only changes to the host (a log capture, a decorated service).</param>
    public ParleyServer(string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        _ownsDirectory = dataDirectory is null;
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
