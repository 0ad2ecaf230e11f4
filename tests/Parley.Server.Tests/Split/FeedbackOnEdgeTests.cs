using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;
using Parley.Server.Tests.Conversations;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// The rating and the transcript through an edge over RabbitMQ: the edge checks and forwards, the core decides and
/// stores (the customer's time zone from the start too), and the core's outbox sends the transcript.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class FeedbackOnEdgeTests
{
    [Fact]
    public async Task A_customer_on_an_edge_asks_for_the_transcript_and_rates_the_chat_once()
    {
        await using var sink = new SmtpSink();
        await using var split = await SplitDeployment.StartAsync(["edge-1"], coreSettings: sink.Settings());
        var edge = split.Edge("edge-1");
        var chat = await FeedbackSpecification.StartAsync(edge, timeZone: "Asia/Tokyo");
        using var customer = edge.CreateClient(chat.CustomerToken);

        using var transcript = await customer.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/transcript", new { email = "ann.other@example.com" });
        var mail = (await sink.ReceivedAsync(1)).Single();
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();
        using var rated = await FeedbackSpecification.RateAsync(customer, chat, new { rating = 5, comment = "Great" });
        using var again = await FeedbackSpecification.RateAsync(customer, chat, new { rating = 2 });
        using var invalid = await FeedbackSpecification.RateAsync(customer, chat, new { rating = 9 });

        Assert.Equal(HttpStatusCode.Accepted, transcript.StatusCode);
        Assert.Equal(["ann.other@example.com"], mail.Recipients);
        Assert.Contains("Times are in Asia/Tokyo.", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, rated.StatusCode);
        await CustomerApiTests.AssertProblemAsync(again, HttpStatusCode.Conflict, "rated already");
        await CustomerApiTests.AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        await using var db = await split.Core!.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        var stored = await db.Ratings.SingleAsync(r => r.ConversationId == chat.ConversationId);
        Assert.Equal((5, "Great"), (stored.Rating, stored.Comment));
    }
}
