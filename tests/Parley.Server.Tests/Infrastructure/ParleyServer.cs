using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real Parley server (all-in-one) on a loopback port with Kestrel, real HTTP and WebSockets, and its own
/// data directory. Disposing stops it; a new instance on the same directory is a restart.
/// </summary>
public sealed class ParleyServer : IAsyncDisposable
{
    public const string AgentPassword = "test-agent-password";
    private readonly WebApplicationFactory<Program> _factory;
    private readonly bool _ownsDirectory;

    public ParleyServer(string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null)
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
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _factory.Services;

    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async Task<StartedConversation> StartConversationAsync(string queue = "support", string name = "Ann", Dictionary<string, string>? answers = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/conversations", new
        {
            queue,
            customer = new { name, email = "ann@example.com" },
            answers = answers ?? (queue == "support" ? new Dictionary<string, string> { ["topic"] = "An order" } : []),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
    }

    public async Task<string> LoginAsync(string username, string password = AgentPassword)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/agent/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginAnswer>())!.Token;
    }

    public Task<HubConnection> ConnectCustomerAsync(string customerToken) => ConnectAsync("hubs/customer", customerToken);

    public async Task<AgentSession> ConnectAgentAsync(string username, string password = AgentPassword)
    {
        var connection = await ConnectAsync("hubs/agent", await LoginAsync(username, password), start: false);
        var session = new AgentSession(username, connection);
        await connection.StartAsync();
        return session;
    }

    public async Task<HubConnection> ConnectAsync(string hub, string token, bool start = true)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, hub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)))
            .Build();
        if (start)
        {
            await connection.StartAsync();
        }

        return connection;
    }

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

    private sealed record LoginAnswer(string Token);
}

public sealed record StartedConversation(Guid ConversationId, string CustomerToken, string VisitorToken, Parley.Server.Conversations.ConversationStatus Status);
