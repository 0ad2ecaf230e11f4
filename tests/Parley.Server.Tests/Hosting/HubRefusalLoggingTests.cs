using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// A refused or invalid hub call is the client's business, not the server's error: spamming them must not flood the
/// log with errors and stack traces. An exception nobody expected is still an error, logged once.
/// </summary>
public sealed class HubRefusalLoggingTests
{
    [Fact]
    public async Task Refused_and_invalid_hub_calls_are_not_logged_as_errors()
    {
        var logs = new CapturedLogs();
        var debug = new Dictionary<string, string?> { [$"Logging:LogLevel:{typeof(HubErrorFilter).FullName}"] = "Debug" };
        await using var server = new ParleyServer(settings: debug, configure: logs.AddTo);
        var chat = await server.StartConversationAsync();
        await using var customer = await server.ConnectCustomerAsync(chat.CustomerToken);
        await using var agent = await server.ConnectAgentAsync("alice");

        // Past the customer's rate limit, into someone else's (here: no one's) chat, with arguments that do not bind.
        var refused = 0;
        for (var i = 0; i < 200; i++)
        {
            try
            {
                await customer.InvokeAsync("Typing");
            }
            catch (HubException)
            {
                refused++;
            }
        }

        for (var i = 0; i < 50; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync("Send", Guid.NewGuid(), $"m-{i}", "Hello"));
            await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync("Send", "not-a-conversation", $"m-{i}", "Hello"));
            await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync("SetPresence", "sleeping"));
        }

        // More connections to one chat than it may have: each extra one is refused when it opens.
        var extra = new List<HubConnection>();
        for (var i = 0; i < 10; i++)
        {
            var connection = await server.ConnectAsync("hubs/customer", chat.CustomerToken, start: false);
            extra.Add(connection);
            try
            {
                await connection.StartAsync();
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or HttpRequestException)
            {
                // Refused, as it should be.
            }
        }

        Assert.True(refused > 100, $"only {refused} of 200 Typing calls were refused");
        var loud = logs.Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null).ToList();
        Assert.True(loud.Count == 0, "logged: " + string.Join(Environment.NewLine, loud.Take(3).Select(e => $"{e.Level} {e.Category}: {e.Message}")));

        // Each refusal that reached a hub method is still there for whoever turns on Debug: one line, no stack. A client
        // may hear its connection refused before the server has written that line: wait for the sixth.
        static bool Refusal(LogEntry e) => e.Category == typeof(HubErrorFilter).FullName;
        static int ConnectionsRefused(IEnumerable<LogEntry> entries) => entries.Count(e => Refusal(e) && e.Message.Contains("OnConnectedAsync", StringComparison.Ordinal));
        await Eventually.ThatAsync(() => ConnectionsRefused(logs.Entries), n => n >= 6, "six refused connections logged");
        var refusals = logs.Entries.Where(Refusal).ToList();
        var connectionsRefused = ConnectionsRefused(refusals);
        Assert.Equal(refused + 50 + connectionsRefused, refusals.Count);
        foreach (var connection in extra)
        {
            await connection.DisposeAsync();
        }

        Assert.All(refusals, e => Assert.Equal(LogLevel.Debug, e.Level));
    }

    [Fact]
    public async Task An_unexpected_exception_in_a_hub_method_is_logged_once_as_an_error_with_its_stack()
    {
        var logs = new CapturedLogs();
        await using var server = new ParleyServer(configure: web =>
        {
            logs.AddTo(web);
            web.ConfigureTestServices(services => services.AddSingleton<ICoreClient>(sp => new BrokenTyping(sp.GetRequiredService<IEdgeTransport>())));
        });
        var chat = await server.StartConversationAsync();
        await using var customer = await server.ConnectCustomerAsync(chat.CustomerToken);

        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync("Typing"));

        var error = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Contains(nameof(BrokenTyping), error.Exception.StackTrace, StringComparison.Ordinal);
    }

    /// <summary>The real core client, except that a typing notice fails in a way nobody planned for.</summary>
    private sealed class BrokenTyping(ICoreClient inner) : ICoreClient
    {
        public Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken) =>
            request is CustomerTyping ? throw new InvalidOperationException("A bug in the typing path.") : inner.RequestAsync(request, cancellationToken);
    }
}
