using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A running Parley (in this process or a child process) at a base address.</summary>
public interface IParleyAddress
{
    Uri BaseAddress { get; }
}

/// <summary>What tests do with any running Parley: REST calls, sign-ins, hub connections.</summary>
public static class ParleyClient
{
    public const string AgentPassword = "test-agent-password";

    public static HttpClient CreateClient(this IParleyAddress server, string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public static async Task<StartedConversation> StartConversationAsync(this IParleyAddress server, string queue = "support", string name = "Ann", Dictionary<string, string>? answers = null)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/conversations", new
        {
            queue,
            customer = new { name, email = "ann@example.com" },
            answers = answers ?? (queue == "support" ? new Dictionary<string, string> { ["topic"] = "An order" } : []),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
    }

    public static async Task<string> LoginAsync(this IParleyAddress server, string username, string password = AgentPassword)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/agent/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginAnswer>())!.Token;
    }

    public static Task<HubConnection> ConnectCustomerAsync(this IParleyAddress server, string customerToken) => server.ConnectAsync("hubs/customer", customerToken);

    public static async Task<AgentSession> ConnectAgentAsync(this IParleyAddress server, string username, string password = AgentPassword)
    {
        var connection = await server.ConnectAsync("hubs/agent", await server.LoginAsync(username, password), start: false);
        var session = new AgentSession(username, connection);
        await connection.StartAsync();
        return session;
    }

    public static async Task<HubConnection> ConnectAsync(this IParleyAddress server, string hub, string token, bool start = true)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, hub), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)))
            .Build();
        if (start)
        {
            await connection.StartAsync();
        }

        return connection;
    }

    private sealed record LoginAnswer(string Token);
}
