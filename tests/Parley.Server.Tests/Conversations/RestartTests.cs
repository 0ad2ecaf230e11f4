using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conversations;

public sealed class RestartTests
{
    [Fact]
    public async Task Stopping_and_restarting_the_server_keeps_conversations_history_and_assignments()
    {
        var directory = Directory.CreateTempSubdirectory("parley-restart-").FullName;
        try
        {
            StartedConversation conversation;
            List<MessageView> before;
            string agentToken;
            await using (var server = new ParleyServer(directory))
            {
                await using var alice = await server.ConnectAgentAsync("alice");
                await alice.GoAvailableAsync();
                conversation = await server.StartConversationAsync();
                await using var ann = await server.ConnectCustomerAsync(conversation.CustomerToken);
                await alice.AcceptAsync(conversation.ConversationId);
                await ann.InvokeAsync<MessageAccepted>("Send", Guid.NewGuid().ToString(), "before the restart");
                await alice.Connection.InvokeAsync<MessageAccepted>("Send", conversation.ConversationId, Guid.NewGuid().ToString(), "noted");
                using var client = server.CreateClient(conversation.CustomerToken);
                before = (await client.GetFromJsonAsync<List<MessageView>>($"api/v1/conversations/{conversation.ConversationId}/messages", TestJson.Options))!;
                agentToken = await server.LoginAsync("alice");
            }

            await using (var restarted = new ParleyServer(directory))
            {
                using var client = restarted.CreateClient(conversation.CustomerToken);
                var after = await client.GetFromJsonAsync<List<MessageView>>($"api/v1/conversations/{conversation.ConversationId}/messages", TestJson.Options);

                // The same customer token and agent token still work, and the conversation is still Alice's.
                await using var alice = await restarted.ConnectAsync("hubs/agent", agentToken);
                var reply = await alice.InvokeAsync<MessageAccepted>("Send", conversation.ConversationId, Guid.NewGuid().ToString(), "after the restart");

                Assert.Equal(before, after);
                Assert.Equal(before[^1].Seq + 1, reply.Seq);
                Assert.Equal(["before the restart", "noted"], after!.Where(m => m.Sender != MessageSender.System).Select(m => m.Text));
            }
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    [Fact]
    public async Task A_chat_still_waiting_at_shutdown_is_offered_after_the_restart()
    {
        var directory = Directory.CreateTempSubdirectory("parley-restart-").FullName;
        try
        {
            StartedConversation conversation;
            await using (var server = new ParleyServer(directory))
            {
                conversation = await server.StartConversationAsync();
            }

            await using var restarted = new ParleyServer(directory);
            await using var bob = await restarted.ConnectAgentAsync("bob");
            await bob.GoAvailableAsync();

            var assigned = await bob.AcceptAsync(conversation.ConversationId);
            Assert.Equal("Ann", assigned.CustomerName);
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }
}
