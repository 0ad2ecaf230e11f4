using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// A message the core did not answer is "retry later" on both surfaces: REST 503 with Retry-After, the hub the
/// documented <c>[retry] </c> error; sent again with the same clientMessageId it is stored once. A refusal is not marked.
/// </summary>
public sealed class MessageSendRetryTests : IAsyncLifetime
{
    private ParleyServer _server = null!;
    private CoreOutage _outage = null!;

    public Task InitializeAsync()
    {
        _server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Customers:UnavailableRetryAfter"] = "00:00:04" }, configure: CoreOutage.Install);
        _outage = CoreOutage.Of(_server);
        _outage.Refusing = typeof(PostCustomerMessage);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_hub_send_the_core_did_not_answer_fails_marked_retry_and_the_same_send_again_is_stored_once()
    {
        await using var customer = await CustomerSession.StartAsync(_server);
        var id = Guid.NewGuid().ToString();
        _outage.Refuse(1);

        var retry = await Assert.ThrowsAsync<HubException>(() => customer.SendAsync("Hello?", id));
        var accepted = await customer.SendAsync("Hello?", id);
        var again = await customer.SendAsync("Hello?", id);

        Assert.EndsWith("HubException: [retry] " + CoreResult.UnavailableDetail, retry.Message, StringComparison.Ordinal);
        Assert.Equal((2L, accepted), (accepted.Seq, again));
    }

    [Fact]
    public async Task A_rest_post_the_core_did_not_answer_is_503_try_again_with_Retry_After()
    {
        var chat = await _server.StartConversationAsync();
        using var client = _server.CreateClient(chat.CustomerToken);
        _outage.Refuse(1);

        using var response = await client.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/messages", new { clientMessageId = Guid.NewGuid(), text = "Hello?" });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, CoreResult.UnavailableDetail);
        Assert.Equal("Try again", problem.GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromSeconds(4), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_refused_hub_send_is_the_plain_sentence_without_the_retry_marker()
    {
        await using var customer = await CustomerSession.StartAsync(_server);
        await customer.Connection.InvokeAsync("End");

        var refused = await Assert.ThrowsAsync<HubException>(() => customer.SendAsync("Still there?"));

        Assert.EndsWith("HubException: This conversation has ended.", refused.Message, StringComparison.Ordinal);
    }
}
