using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conversations;

/// <summary>A clientMessageId is stored once; a resend tells its sender the seq, and nobody else anything.</summary>
public sealed class DuplicateMessageTests : ServerPerTest
{
    [Fact]
    public async Task Another_agent_reusing_a_clientMessageId_of_a_foreign_chat_gets_the_foreign_chat_refusal_and_no_seq()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var bob = await Server.ConnectAgentAsync("bob");
        await using var ann = await CustomerSession.StartAsync(Server);
        await alice.AcceptAsync(ann.Id);
        var aliceMessageId = Guid.NewGuid().ToString();
        var annMessageId = Guid.NewGuid().ToString();
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, aliceMessageId, "Let me check.");
        await ann.SendAsync("Thanks", annMessageId);

        var fresh = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "x"));
        var agentsId = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, aliceMessageId, "x"));
        var customersId = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, annMessageId, "x"));

        Assert.Contains("not assigned to you", fresh.Message, StringComparison.Ordinal);
        Assert.Equal(fresh.Message, agentsId.Message);
        Assert.Equal(fresh.Message, customersId.Message);
    }

    [Fact]
    public async Task The_sender_resending_a_clientMessageId_gets_the_same_seq_and_time()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(Server);
        await alice.AcceptAsync(ann.Id);
        var id = Guid.NewGuid().ToString();

        var first = await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, id, "Let me check.");
        var again = await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, id, "Let me check.");
        var customerFirst = await ann.SendAsync("Thanks", "ann-1");
        var customerAgain = await ann.SendAsync("Thanks", "ann-1");

        Assert.Equal(first, again);
        Assert.Equal(customerFirst, customerAgain);
    }
}
