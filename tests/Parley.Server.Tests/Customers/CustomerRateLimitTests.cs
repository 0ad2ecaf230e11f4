using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// The customer limits hold against an attacker: one budget per conversation whatever the Authorization header
/// looks like and however many hub connections share it, at most a few connections per conversation, and a
/// limited call is told apart from every other refusal (429 + Retry-After; a typed SlowDown on the hub).
/// </summary>
public sealed class CustomerRateLimitTests : IAsyncLifetime
{
    private const int Burst = 8;
    private const int Connections = 5;
    private ParleyServer _server = null!;

    public Task InitializeAsync()
    {
        // A refill far slower than the test: every accepted call comes out of the burst.
        _server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Customers:MessageBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Parley:Customers:MessagesPerPeriod"] = "1",
            ["Parley:Customers:MessagePeriod"] = "00:10:00",
            ["Parley:Customers:StartBurst"] = "3",
            ["Parley:Customers:StartPeriod"] = "00:10:00",
            ["Parley:Customers:ConnectionsPerConversation"] = Connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Authorization_header_case_and_spacing_variants_share_one_budget_answered_429_with_Retry_After()
    {
        var conversation = await _server.StartConversationAsync();
        using var client = _server.CreateClient();
        string[] forms = ["Bearer {0}", "bEaReR {0}", "Bearer   {0}", "BEARER {0}  ", "bearer\t{0}", "Bearer {0}\t"];
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < Burst * 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/conversations/{conversation.ConversationId}/messages")
            {
                Content = JsonContent.Create(new { clientMessageId = Guid.NewGuid().ToString(), text = "flood " + i }),
            };
            request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, forms[i % forms.Length], conversation.CustomerToken));
            var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && limited is null)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.Created) <= Burst, string.Join(", ", statuses));
        Assert.DoesNotContain(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta is { } delay && delay > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        }

        // The hub of the same conversation draws on the same (now empty) budget.
        await using var hub = await _server.ConnectCustomerAsync(conversation.CustomerToken);
        var slowDown = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<int>("SlowDown", ms => slowDown.TrySetResult(ms));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageAccepted>("Send", Guid.NewGuid().ToString(), "one more"));
        Assert.True(await slowDown.Task.WaitAsync(TimeSpan.FromSeconds(10)) > 0);
    }

    [Fact]
    public async Task Fifty_hub_connections_to_one_conversation_get_at_most_five_open_and_one_budget_between_them()
    {
        var conversation = await _server.StartConversationAsync();
        var connections = new List<HubConnection>();
        var closedWith = new List<Task<Exception?>>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var connection = await _server.ConnectAsync("hubs/customer", conversation.CustomerToken, start: false);
                var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.Closed += e =>
                {
                    closed.TrySetResult(e);
                    return Task.CompletedTask;
                };
                connections.Add(connection);
                closedWith.Add(closed.Task);
                try
                {
                    await connection.StartAsync();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    closed.TrySetResult(e);
                }
            }

            // Every connection sends as fast as it can; refused ones fail, limited calls throw HubException.
            var accepted = 0;
            var openSenders = 0;
            await Task.WhenAll(connections.Select(async connection =>
            {
                var mine = 0;
                for (var i = 0; i < 20; i++)
                {
                    try
                    {
                        await connection.InvokeAsync<MessageAccepted>("Send", Guid.NewGuid().ToString(), "flood");
                        mine++;
                    }
                    catch (HubException)
                    {
                        // Limited: the connection is open, the budget is spent.
                        Interlocked.Increment(ref openSenders);
                        break;
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // Refused connection: closed by the server.
                        break;
                    }
                }

                Interlocked.Add(ref accepted, mine);
            }));

            Assert.InRange(connections.Count(c => c.State == HubConnectionState.Connected), 1, Connections);
            Assert.InRange(accepted, 1, Burst);
            Assert.InRange(openSenders, 1, Connections);
            var refusals = closedWith.Where(t => t.IsCompleted).Select(t => t.Result?.Message ?? "").ToList();
            Assert.True(refusals.Count >= 50 - Connections, $"{refusals.Count} refused");
            Assert.Contains(refusals, m => m.Contains($"at most {Connections} connections", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_closed_connection_gives_its_place_to_the_next_one()
    {
        var conversation = await _server.StartConversationAsync();
        var open = new List<HubConnection>();
        for (var i = 0; i < Connections; i++)
        {
            open.Add(await _server.ConnectCustomerAsync(conversation.CustomerToken));
        }

        await open[0].DisposeAsync();
        await using var next = await _server.ConnectCustomerAsync(conversation.CustomerToken);
        var resumed = await next.InvokeAsync<Parley.Server.Customers.ResumeView>("Resume", 0L);

        Assert.NotEmpty(resumed.Messages);
        foreach (var connection in open.Skip(1))
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Starting_chats_beyond_the_burst_from_one_address_is_429_with_Retry_After()
    {
        using var client = _server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "sales", customer = new { name = "Ann" } });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
