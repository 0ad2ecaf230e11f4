using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// A customer token opens its own conversation only: every endpoint under <c>/conversations/{id}</c> refuses another
/// conversation's token with 403, and does nothing to the conversation.
/// </summary>
public sealed class ConversationOwnershipTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/messages")]
    [InlineData("GET", "/messages")]
    [InlineData("POST", "/end")]
    public async Task Another_conversations_token_is_403_on_every_conversation_endpoint(string method, string path)
    {
        var mine = await _server.StartConversationAsync(name: "Ann");
        var theirs = await _server.StartConversationAsync(name: "Eve");
        using var eve = _server.CreateClient(theirs.CustomerToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"api/v1/conversations/{mine.ConversationId}{path}");
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { clientMessageId = Guid.NewGuid(), text = "Not my chat" });
        }

        using var refused = await eve.SendAsync(request);

        var problem = await CustomerApiTests.AssertProblemAsync(refused, HttpStatusCode.Forbidden, "This token is for another conversation.");
        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
        using var ann = _server.CreateClient(mine.CustomerToken);
        var untouched = await ann.GetFromJsonAsync<ConversationView>($"api/v1/conversations/{mine.ConversationId}", TestJson.Options);
        Assert.Equal((ConversationState.Queued, 1L), (untouched!.Status.State, untouched.LastSeq));
    }
}
