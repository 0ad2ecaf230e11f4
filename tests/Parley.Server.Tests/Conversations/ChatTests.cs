using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Conversations;
using Parley.Server.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conversations;

/// <summary>A customer and agents over the real hubs (WebSockets) of a real server.</summary>
public sealed class ChatTests : ServerPerTest
{
    [Fact]
    public async Task A_customer_and_an_agent_exchange_messages_both_ways()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(Server);

        var assigned = await alice.AcceptAsync(ann.Id);
        var status = await ann.Status.WaitForAsync(s => s.State == ConversationState.Assigned, "the assigned status");
        var fromAnn = await ann.SendAsync("Where is my order?");
        var atAlice = await alice.Messages.WaitForAsync(m => m.Message.Seq == fromAnn.Seq, "Ann's message at Alice");
        var fromAlice = await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Let me check.");
        var atAnn = await ann.Messages.WaitForAsync(m => m.Seq == fromAlice.Seq, "Alice's message at Ann");

        Assert.Equal(("Ann", "Customer support", "An order"), (assigned.CustomerName, assigned.QueueDisplayName, assigned.Answers["topic"]));
        Assert.Equal("Alice Adams", status.AgentName);
        Assert.Equal((MessageSender.Customer, "Where is my order?", "Ann"), (atAlice.Message.Sender, atAlice.Message.Text, atAlice.Message.SenderName));
        Assert.Equal((MessageSender.Agent, "Let me check.", "Alice Adams"), (atAnn.Sender, atAnn.Text, atAnn.SenderName));
        Assert.Equal(fromAnn.Seq + 1, fromAlice.Seq);
        Assert.Equal(fromAlice.SentAt, atAnn.SentAt);
    }

    [Fact]
    public async Task The_customer_is_told_it_is_queued_then_who_joined()
    {
        await using var ann = await CustomerSession.StartAsync(Server);
        // The place in line is derived with the queue's standings, at most a board interval after the start.
        var resumed = await Eventually.ThatAsync(() => ann.Connection.InvokeAsync<ResumeView>("Resume", 0L), r => r.Status.Position is not null, "a place in line");
        await using var bob = await Server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await bob.AcceptAsync(ann.Id);

        var joined = await ann.Messages.WaitForAsync(m => m.Sender == MessageSender.System && m.Text.Contains("joined", StringComparison.Ordinal), "the joined notice");

        Assert.Equal(new ConversationStatus(ConversationState.Queued, null, 1, NoEstimate: Parley.Routing.NoEstimateReason.NobodyServing, QueueDisplayName: "Customer support"), resumed.Status); // nobody signed in yet
        Assert.Equal("Welcome to Northwind support! An agent will be with you shortly.", Assert.Single(resumed.Messages).Text);
        Assert.Equal("Bob Baker joined the chat.", joined.Text);
    }

    [Fact]
    public async Task Typing_is_shown_both_ways()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(Server);
        await alice.AcceptAsync(ann.Id);

        await ann.Connection.InvokeAsync("Typing");
        await alice.Connection.InvokeAsync("Typing", ann.Id);

        var atAlice = await alice.Typing.WaitForAsync(t => t.ConversationId == ann.Id, "customer typing");
        var atAnn = await ann.Typing.WaitForAsync(_ => true, "agent typing");
        Assert.Equal("Ann", atAlice.Name);
        Assert.Equal(new TypingView("agent", "Alice Adams"), atAnn);
    }

    [Fact]
    public async Task Resume_after_disconnect_returns_exactly_the_missed_messages()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var conversation = await Server.StartConversationAsync();
        await using (var first = await Server.ConnectCustomerAsync(conversation.CustomerToken))
        {
            await alice.AcceptAsync(conversation.ConversationId);
            await first.InvokeAsync<MessageAccepted>("Send", Guid.NewGuid().ToString(), "hello");
        }

        var before = await Server.Services.GetRequiredService<ConversationLog>().GetMessagesAsync(conversation.ConversationId, 0, default);
        var lastSeen = before[^1].Seq;
        var missed = new List<long>();
        foreach (var text in new[] { "Are you there?", "I found your order.", "It ships today." })
        {
            missed.Add((await alice.Connection.InvokeAsync<MessageAccepted>("Send", conversation.ConversationId, Guid.NewGuid().ToString(), text)).Seq);
        }

        await using var again = await Server.ConnectCustomerAsync(conversation.CustomerToken);
        var resumed = await again.InvokeAsync<ResumeView>("Resume", lastSeen);

        Assert.Equal(missed, resumed.Messages.Select(m => m.Seq));
        Assert.Equal(["Are you there?", "I found your order.", "It ships today."], resumed.Messages.Select(m => m.Text));
        Assert.Equal(ConversationState.Assigned, resumed.Status.State);
    }

    [Fact]
    public async Task A_resent_message_after_a_lost_acknowledgement_is_stored_once()
    {
        await using var ann = await CustomerSession.StartAsync(Server);
        var id = Guid.NewGuid().ToString();

        var first = await ann.SendAsync("only once", id);
        var resent = await ann.SendAsync("only once", id);
        var messages = await ann.Connection.InvokeAsync<ResumeView>("Resume", 0L);

        Assert.Equal(first, resent);
        Assert.Single(messages.Messages, m => m.Text == "only once");
    }

    [Fact]
    public async Task Bad_hub_input_gets_a_plain_error_and_loses_nothing_accepted()
    {
        await using var ann = await CustomerSession.StartAsync(Server);
        var kept = await ann.SendAsync("kept");

        var empty = await Assert.ThrowsAsync<HubException>(() => ann.SendAsync("   "));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => ann.SendAsync(new string('x', 4001)));
        var noId = await Assert.ThrowsAsync<HubException>(() => ann.SendAsync("no id", ""));

        Assert.Contains("The message is empty.", empty.Message, StringComparison.Ordinal);
        Assert.Contains("4,000", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("clientMessageId", noId.Message, StringComparison.Ordinal);
        var history = await ann.Connection.InvokeAsync<ResumeView>("Resume", 0L);
        Assert.Equal(kept.Seq, history.Messages[^1].Seq);
    }

    [Fact]
    public async Task A_customer_hub_connection_needs_a_valid_token()
    {
        var anonymous = await Server.ConnectAsync("hubs/customer", "", start: false);
        var forged = await Server.ConnectAsync("hubs/customer", "bm90LWEtdG9rZW4", start: false);

        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        await Assert.ThrowsAsync<HttpRequestException>(() => forged.StartAsync());
    }

    [Fact]
    public async Task A_declined_offer_goes_to_the_next_agent()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var bob = await Server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(Server);

        // Alice has been available longest, so she is offered the chat first.
        var offer = await alice.Offers.WaitForAsync(o => o.ConversationId == ann.Id, "the offer to Alice");
        await alice.Connection.InvokeAsync("Decline", offer.OfferId);
        var assigned = await bob.AcceptAsync(ann.Id);

        Assert.Equal("declined", (await alice.Withdrawn.WaitForAsync(w => w.OfferId == offer.OfferId, "the withdrawal")).Reason);
        Assert.Equal(ann.Id, assigned.ConversationId);
        Assert.Equal("Bob Baker", (await ann.Status.WaitForAsync(s => s.State == ConversationState.Assigned, "assigned")).AgentName);
        var late = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<object>("Accept", offer.OfferId));
        Assert.Contains("no longer open", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_closing_the_chat_ends_it_for_the_customer()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(Server);
        await alice.AcceptAsync(ann.Id);

        await alice.Connection.InvokeAsync("Close", ann.Id);

        await ann.Status.WaitForAsync(s => s.State == ConversationState.Ended, "the ended status");
        var notice = await ann.Messages.WaitForAsync(m => m.Text == "Alice Adams ended the chat.", "the end notice");
        Assert.Equal(MessageSender.System, notice.Sender);
        await Assert.ThrowsAsync<HubException>(() => ann.SendAsync("still there?"));
    }

    [Fact]
    public async Task A_customer_ending_the_chat_tells_the_agent_and_frees_their_capacity()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(Server);
        await alice.AcceptAsync(ann.Id);

        await ann.Connection.InvokeAsync("End");

        var ended = await alice.Ended.WaitForAsync(e => e.ConversationId == ann.Id, "the end at Alice");
        Assert.Equal("customer", ended.EndedBy);
        var board = Server.Services.GetRequiredService<Parley.Server.RoutingHost.LiveBoard>();
        Assert.Equal(0, board.Agent("alice")!.ActiveConversations);
    }

    [Fact]
    public async Task An_agent_can_neither_write_to_nor_read_a_conversation_of_another_agent()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var bob = await Server.ConnectAgentAsync("bob");
        await using var ann = await CustomerSession.StartAsync(Server);
        await alice.AcceptAsync(ann.Id);

        var send = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "hi"));
        var read = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<List<MessageView>>("GetTranscript", ann.Id));

        Assert.Contains("not assigned to you", send.Message, StringComparison.Ordinal);
        Assert.Contains("not assigned to you", read.Message, StringComparison.Ordinal);
    }
}
