using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Baseline;
using Parley.Server.Agents;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Bench.Tests;

/// <summary>The load tool's baselines (bench/Parley.Baseline) relay both ways, in the shapes Parley uses.</summary>
public sealed class BaselineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_bare_relay_copies_customer_frames_to_the_agent_and_agent_frames_back_verbatim()
    {
        await using var baseline = await StartAsync("bare");
        var conversation = await StartConversationAsync(baseline);
        using var agent = await OpenSocketAsync(baseline, $"ws/agent/{conversation.ConversationId}");
        using var customer = await OpenSocketAsync(baseline, $"ws/customer/{conversation.CustomerToken}");

        const string question = """{"clientMessageId":"c-1","text":"Where is my order? ✓"}""";
        await SendTextAsync(customer, question);
        Assert.Equal(question, await ReceiveTextAsync(agent));

        const string answer = "not JSON at all: the relay does not look";
        await SendTextAsync(agent, answer);
        Assert.Equal(answer, await ReceiveTextAsync(customer));

        await customer.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, (await agent.ReceiveAsync(new byte[16], CancellationToken.None)).MessageType);
    }

    [Fact]
    public async Task The_bare_relay_holds_a_frame_sent_before_the_agent_connects_until_the_agent_does()
    {
        await using var baseline = await StartAsync("bare");
        var id = (await StartConversationAsync(baseline)).ConversationId;
        using var customer = await OpenSocketAsync(baseline, $"ws/customer/{id}");
        await SendTextAsync(customer, "first");

        using var agent = await OpenSocketAsync(baseline, $"ws/agent/{id}");
        Assert.Equal("first", await ReceiveTextAsync(agent));
        await SendTextAsync(agent, "reply");
        Assert.Equal("reply", await ReceiveTextAsync(customer));
    }

    [Fact]
    public async Task The_signalr_relay_assigns_a_chat_to_the_agent_who_connects_and_relays_messages_both_ways_in_Parleys_shapes()
    {
        await using var baseline = await StartAsync("signalr");
        // Started before any agent is connected: it waits for the first one.
        var conversation = await StartConversationAsync(baseline);
        await using var agent = await ConnectAgentAsync(baseline, "agent-1");

        var assigned = Read<AssignedConversationView>(await agent.Assigned.WaitForAsync(_ => true, "Assigned"));
        Assert.Equal(conversation.ConversationId, assigned.ConversationId);
        Assert.Equal(ConversationState.Assigned, assigned.State);

        await using var customer = Connect(baseline, "hubs/customer", conversation.CustomerToken);
        var customerMessages = new Inbox<string>();
        customer.On<JsonElement>("Message", m => customerMessages.Add(m.GetRawText()));
        await customer.StartAsync();
        var resumed = await customer.InvokeAsync<JsonElement>("Resume", 0L);
        Assert.Equal("assigned", resumed.GetProperty("status").GetProperty("state").GetString());

        var sent = await customer.InvokeAsync<MessageAccepted>("Send", "c-1", "Hello?");
        Assert.Equal(1, sent.Seq);
        var toAgentJson = await agent.Messages.WaitForAsync(_ => true, "the customer's message");
        AssertPropertyNames(toAgentJson, "conversationId", "message");
        var toAgent = Read<AgentMessageView>(toAgentJson);
        Assert.Equal(conversation.ConversationId, toAgent.ConversationId);
        Assert.Equal(new MessageView(1, MessageSender.Customer, "Customer", "Hello?", sent.SentAt, "c-1"), toAgent.Message);

        var replied = await agent.Connection.InvokeAsync<MessageAccepted>("Send", conversation.ConversationId, "a-1", "Hi, how can I help?");
        Assert.Equal(2, replied.Seq);
        var toCustomerJson = await customerMessages.WaitForAsync(_ => true, "the agent's reply");
        AssertPropertyNames(toCustomerJson, "seq", "sender", "senderName", "text", "sentAt", "clientMessageId");
        var toCustomer = Read<MessageView>(toCustomerJson);
        Assert.Equal((2L, MessageSender.Agent, "Hi, how can I help?", replied.SentAt, "a-1"),
            (toCustomer.Seq, toCustomer.Sender, toCustomer.Text, toCustomer.SentAt, toCustomer.ClientMessageId));
    }

    [Fact]
    public async Task The_signalr_relay_pairs_new_chats_with_the_connected_agents_in_turn()
    {
        await using var baseline = await StartAsync("signalr");
        await using var first = await ConnectAgentAsync(baseline, "agent-1");
        await using var second = await ConnectAgentAsync(baseline, "agent-2");

        var chats = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            chats.Add((await StartConversationAsync(baseline)).ConversationId);
        }

        // Assigned is pushed before the start answers, so both inboxes are complete once each has its last chat.
        await first.Assigned.WaitForAsync(a => Read<AssignedConversationView>(a).ConversationId == chats[2], "the third chat");
        await second.Assigned.WaitForAsync(a => Read<AssignedConversationView>(a).ConversationId == chats[1], "the second chat");
        Assert.Equal([chats[0], chats[2]], first.Assigned.Seen.Select(a => Read<AssignedConversationView>(a).ConversationId));
        Assert.Equal([chats[1]], second.Assigned.Seen.Select(a => Read<AssignedConversationView>(a).ConversationId));
    }

    private static readonly JsonSerializerOptions ClientJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, TestJson.Options)!;

    private static void AssertPropertyNames(string json, params string[] names)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(names, document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private static async Task<BaselineApp> StartAsync(string mode)
    {
        var baseline = BaselineApp.Create("--mode", mode, "--urls", "http://127.0.0.1:0");
        await baseline.StartAsync();
        return baseline;
    }

    private sealed record Started(Guid ConversationId, string CustomerToken);

    private static async Task<Started> StartConversationAsync(BaselineApp baseline)
    {
        using var http = new HttpClient { BaseAddress = baseline.Addresses[0] };
        // A body like Parley's start; the baselines ignore it.
        using var response = await http.PostAsJsonAsync("api/v1/conversations", new { queue = "support", customer = new { name = "Ann" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Started>())!;
    }

    private static async Task<ClientWebSocket> OpenSocketAsync(BaselineApp baseline, string path)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(new Uri("ws://" + baseline.Addresses[0].Authority), path), CancellationToken.None);
        return socket;
    }

    private static Task SendTextAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        ValueWebSocketReceiveResult frame;
        do
        {
            frame = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, frame.MessageType);
            message.Write(buffer, 0, frame.Count);
        }
        while (!frame.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }

    private static HubConnection Connect(BaselineApp baseline, string hub, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseline.Addresses[0], $"{hub}?access_token={Uri.EscapeDataString(token)}"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = ClientJson)
            .Build();

    private static async Task<AgentClient> ConnectAgentAsync(BaselineApp baseline, string token)
    {
        var agent = new AgentClient(Connect(baseline, "hubs/agent", token));
        await agent.Connection.StartAsync();
        // Parley's first call; its answer means the relay has registered this agent.
        await agent.Connection.InvokeAsync("SetPresence", "available");
        return agent;
    }

    /// <summary>An agent connection with what it was pushed, as raw JSON.</summary>
    private sealed class AgentClient : IAsyncDisposable
    {
        public AgentClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<JsonElement>(nameof(IAgentClient.Assigned), a => Assigned.Add(a.GetRawText()));
            connection.On<JsonElement>(nameof(IAgentClient.Message), m => Messages.Add(m.GetRawText()));
        }

        public HubConnection Connection { get; }

        public Inbox<string> Assigned { get; } = new();

        public Inbox<string> Messages { get; } = new();

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
