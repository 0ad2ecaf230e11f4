using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Customers;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>A customer token reads its ended chat for 30 days, then opens nothing; writes after the end are 409.</summary>
public sealed class CustomerTokenLifetimeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task Twenty_nine_days_after_the_end_the_chat_is_readable_and_writes_are_409()
    {
        var (conversation, client) = await EndedAsync(TimeSpan.FromDays(29));
        using (client)
        {
            var read = await client.GetAsync($"api/v1/conversations/{conversation.ConversationId}");
            var messages = await client.GetAsync($"api/v1/conversations/{conversation.ConversationId}/messages");
            var post = await client.PostAsJsonAsync($"api/v1/conversations/{conversation.ConversationId}/messages", new { clientMessageId = "late", text = "hello?" });
            await using var hub = await _server.ConnectCustomerAsync(conversation.CustomerToken);
            var resumed = await hub.InvokeAsync<ResumeView>("Resume", 0L);

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(HttpStatusCode.OK, messages.StatusCode);
            await CustomerApiTests.AssertProblemAsync(post, HttpStatusCode.Conflict);
            Assert.Equal(ConversationState.Ended, resumed.Status.State);
        }
    }

    [Fact]
    public async Task Thirty_days_after_the_end_reads_are_410_and_the_hub_refuses_to_resume()
    {
        var (conversation, client) = await EndedAsync(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        using (client)
        {
            var read = await client.GetAsync($"api/v1/conversations/{conversation.ConversationId}");
            var messages = await client.GetAsync($"api/v1/conversations/{conversation.ConversationId}/messages");
            await using var hub = await _server.ConnectCustomerAsync(conversation.CustomerToken);

            await CustomerApiTests.AssertProblemAsync(read, HttpStatusCode.Gone, "30 days");
            await CustomerApiTests.AssertProblemAsync(messages, HttpStatusCode.Gone);
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ResumeView>("Resume", 0L));
            Assert.Contains("30 days", refused.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A chat ended by the customer, its stored end moved back by <paramref name="ago"/>.</summary>
    private async Task<(StartedConversation, HttpClient)> EndedAsync(TimeSpan ago)
    {
        var conversation = await _server.StartConversationAsync(queue: "sales");
        var client = _server.CreateClient(conversation.CustomerToken);
        (await client.PostAsync($"api/v1/conversations/{conversation.ConversationId}/end", null)).EnsureSuccessStatusCode();
        var factory = _server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var stored = await context.Conversations.SingleAsync(c => c.Id == conversation.ConversationId);
        stored.EndedAt = DateTimeOffset.UtcNow - ago;
        await context.SaveChangesAsync();
        return (conversation, client);
    }
}
