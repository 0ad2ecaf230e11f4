using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Storage;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// <c>POST /api/v1/queues/{name}/messages</c>: a message left through the widget's form is stored with the customer's
/// confirmation mail, becomes a task for the queue's agents (routed while the queue is open, held while it is closed),
/// and the agent's answer reaches the customer by e-mail, kept with the task.
/// </summary>
public sealed class LeaveMessageTests
{
    // Sunday 6 December 2026, 12:00 in Amsterdam: billing (office hours) is closed until Monday 09:00 (08:00 UTC).
    private static readonly DateTimeOffset Sunday = new(2026, 12, 6, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayOpening = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_message_left_at_an_open_queue_is_offered_and_the_agents_answer_is_mailed_encoded_and_kept()
    {
        await using var sink = new SmtpSink();
        await using var server = new ParleyServer(settings: sink.Settings());
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        using var client = server.CreateClient();

        using var left = await client.PostAsJsonAsync("api/v1/queues/support/messages",
            new { customer = new { name = "Mia <b>Ng</b>", email = "mia@example.com" }, text = "Please call me back <now>", answers = new { topic = "An order" } });
        var id = (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var offer = await alice.Offers.WaitForAsync(o => o.ConversationId == id, "the message offered to alice");
        var assigned = await alice.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId);
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", id, Guid.NewGuid().ToString(), "Hello Mia, <i>we</i> will call you & soon.");
        var mail = await sink.ReceivedAsync(2);
        await alice.Connection.InvokeAsync("Close", id);
        var transcript = await alice.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", id);

        Assert.Equal(HttpStatusCode.Created, left.StatusCode);
        Assert.Equal((ConversationKind.Message, ConversationKind.Message), (offer.Kind, assigned.Kind));
        var confirmation = mail.Single(m => m.Message.Subject?.StartsWith("We received", StringComparison.Ordinal) == true).Message;
        // It repeats nothing the customer typed: neither the text nor the name.
        Assert.DoesNotContain("call me back", confirmation.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("Mia", confirmation.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("Mia", confirmation.HtmlBody!, StringComparison.Ordinal);
        Assert.Equal("", confirmation.To.Mailboxes.Single().Name ?? "");
        Assert.Equal(SmtpSink.ReplyTo, confirmation.ReplyTo.Mailboxes.Single().Address);
        var answer = mail.Single(m => m.Message.Subject?.StartsWith("Re:", StringComparison.Ordinal) == true);
        Assert.Equal(["mia@example.com"], answer.Recipients);
        Assert.Contains("Hello Mia, <i>we</i> will call you & soon.", answer.Message.TextBody!, StringComparison.Ordinal);
        Assert.Contains("Hello Mia, &lt;i&gt;we&lt;/i&gt; will call you &amp; soon.", answer.Message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", answer.Message.HtmlBody, StringComparison.Ordinal);
        // The customer's message, alice joining, her answer, the close.
        Assert.Equal([MessageSender.Customer, MessageSender.System, MessageSender.Agent, MessageSender.System], transcript.Select(m => m.Sender));
        Assert.Equal("Please call me back <now>", transcript[0].Text);
    }

    [Fact]
    public async Task A_message_left_while_the_queue_is_closed_waits_in_the_agents_list_and_is_routed_at_the_opening()
    {
        // Ten seconds before billing opens on Monday (09:00 in Amsterdam).
        var time = new FakeTimeProvider(MondayOpening.AddSeconds(-10));
        await using var server = new ParleyServer(time: time);
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        using var client = server.CreateClient();

        using var left = await client.PostAsJsonAsync("api/v1/queues/billing/messages",
            new { customer = new { name = "Sunday Sam", email = "sam@example.com" }, text = "My invoice is wrong.", answers = new { } });
        var id = (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var held = await alice.Connection.InvokeAsync<IReadOnlyList<WaitingChatView>>("GetHeldMessages");
        time.Advance(TimeSpan.FromSeconds(11));
        var offer = await alice.Offers.WaitForAsync(o => o.ConversationId == id, "the message offered once billing opens");

        Assert.Equal(HttpStatusCode.Created, left.StatusCode);
        Assert.Equal([id], held.Select(m => m.ConversationId));
        Assert.Equal(ConversationKind.Message, offer.Kind);
        Assert.Empty(await alice.Connection.InvokeAsync<IReadOnlyList<WaitingChatView>>("GetHeldMessages"));
    }

    [Fact]
    public async Task An_agent_can_take_a_held_message_before_the_opening()
    {
        var time = new FakeTimeProvider(Sunday);
        await using var server = new ParleyServer(time: time);
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        using var client = server.CreateClient();
        using var left = await client.PostAsJsonAsync("api/v1/queues/billing/messages",
            new { customer = new { name = "Early Eve", email = "eve@example.com" }, text = "Question about my bill.", answers = new { } });
        var id = (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var taken = await alice.Connection.InvokeAsync<AssignedConversationView>("TakeMessage", id);

        Assert.Equal((id, ConversationKind.Message, ConversationState.Assigned), (taken.ConversationId, taken.Kind, taken.State));
        Assert.Empty(await alice.Connection.InvokeAsync<IReadOnlyList<WaitingChatView>>("GetHeldMessages"));
    }

    [Theory]
    [InlineData("""{ "customer": { "name": "Ann" }, "text": "Hi" }""", "customer.email")]
    [InlineData("""{ "customer": { "name": "Ann", "email": "not an address" }, "text": "Hi" }""", "customer.email")]
    [InlineData("""{ "customer": { "name": "Ann", "email": "Ann <ann@example.com>" }, "text": "Hi" }""", "customer.email")]
    [InlineData("""{ "customer": { "name": "", "email": "ann@example.com" }, "text": "Hi" }""", "customer.name")]
    [InlineData("""{ "customer": { "name": "Ann", "email": "ann@example.com" }, "text": "   " }""", "text")]
    public async Task A_message_without_what_it_needs_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        await using var server = new ParleyServer();
        using var client = server.CreateClient();

        using var response = await client.PostAsync("api/v1/queues/support/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Conversations.AnyAsync(c => c.Kind == ConversationKind.Message));
    }

    [Fact]
    public async Task A_message_for_an_unknown_queue_is_404()
    {
        await using var server = new ParleyServer();
        using var client = server.CreateClient();

        using var response = await client.PostAsJsonAsync("api/v1/queues/nowhere/messages", new { customer = new { name = "Ann", email = "ann@example.com" }, text = "Hi" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Messages_for_one_e_mail_address_are_limited_whatever_client_sends_them()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Customers:LeaveMessageBurst"] = "100" });
        using var client = server.CreateClient();

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.PostAsJsonAsync("api/v1/queues/support/messages", new { customer = new { name = "Flood", email = "victim@example.com" }, text = $"Message {i}", answers = new { topic = "An order" } });
            answers.Add(last.StatusCode);
        }

        using var other = await client.PostAsJsonAsync("api/v1/queues/support/messages", new { customer = new { name = "Other", email = "other@example.com" }, text = "Hello", answers = new { topic = "An order" } });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
        Assert.NotNull(last!.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        last.Dispose();
    }

    [Fact]
    public async Task A_message_sent_again_with_the_same_key_is_stored_once()
    {
        await using var server = new ParleyServer();
        using var client = server.CreateClient();
        var key = Guid.NewGuid().ToString();

        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/queues/support/messages")
            {
                Content = JsonContent.Create(new { customer = new { name = "Twice", email = "twice@example.com" }, text = "Once only", answers = new { topic = "An order" } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        await using var db = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.CustomerName == "Twice"));
    }
}
