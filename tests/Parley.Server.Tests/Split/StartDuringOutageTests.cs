using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// A customer starts a chat while the core is down. The edge answers 503, but its start waits in the broker and the
/// core, once back, starts that chat: the customer's retry with the same Idempotency-Key must get it, not a second one.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class StartDuringOutageTests
{
    [Fact]
    public async Task A_start_retried_across_a_core_outage_with_the_same_key_is_one_chat()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1"], coreInChildProcess: true, requestTimeout: TimeSpan.FromSeconds(1));
        var core = split.CoreProcess!;
        using var edge = split.Edge("edge-1").CreateClient();
        var key = Guid.NewGuid().ToString();

        await core.KillAsync();
        using var refused = await edge.SendAsync(Start(key));
        await core.StartAsync();
        var started = await RetryUntilAnsweredAsync(edge, key);

        await core.KillAsync();
        await using var context = core.OpenDatabase();
        Assert.Equal([started.ConversationId], await context.Conversations.Where(c => c.CustomerName == "Outage Olga").Select(c => c.Id).ToListAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }

    /// <summary>
    /// What the widget does: the same start again until the core answers. Each attempt itself waits for the core (up to
    /// the edge's request time-out), so the retries follow the core coming back rather than a clock.
    /// </summary>
    private static async Task<StartedConversation> RetryUntilAnsweredAsync(HttpClient edge, string key)
    {
        var status = await Eventually.ThatAsync(
            async () =>
            {
                using var response = await edge.SendAsync(Start(key));
                return (response.StatusCode, Body: response.StatusCode == HttpStatusCode.Created
                    ? await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options)
                    : null);
            },
            answer => answer.StatusCode != HttpStatusCode.ServiceUnavailable,
            "the core, back, to answer the retried start",
            TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Created, status.StatusCode);
        return status.Body!;
    }

    private static HttpRequestMessage Start(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/conversations")
        {
            Content = JsonContent.Create(new { queue = "support", customer = new { name = "Outage Olga" }, answers = new { topic = "An order" } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
