using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>
/// The customer's downloads are limited per client address: a link handed around (it is a bearer of its file) cannot
/// be used to make the core read files without end.
/// </summary>
public sealed class CustomerDownloadLimitTests : IAsyncLifetime
{
    private ParleyServer _server = null!;

    public Task InitializeAsync()
    {
        // A refill far slower than the test: every answered download comes out of the burst.
        _server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Customers:DownloadBurst"] = "3",
            ["Parley:Customers:DownloadPeriod"] = "00:10:00",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Downloads_beyond_the_burst_from_one_address_are_429_problem_details_with_Retry_After()
    {
        var chat = await _server.StartConversationAsync();
        using var customer = _server.CreateClient(chat.CustomerToken);
        using var sent = await AttachmentSpecification.UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Text(), "note.txt");
        var url = ((string?)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["url"])!.TrimStart('/');
        // Another conversation from the same address shares the address's budget: the link names no one.
        using var stranger = _server.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await (i % 2 == 0 ? customer : stranger).GetAsync(url);
            statuses.Add(response.StatusCode);
        }

        using var limited = await stranger.GetAsync(url);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        await CustomerApiTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "slow down");
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
