using System.Net.Http.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>GET /api/v1/agent/conversations/{id}/messages?after={seq}: an agent client catches up from its last seq.</summary>
public sealed class TranscriptApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Theory]
    [InlineData("", new long[] { 1, 2, 3, 4 })]
    [InlineData("?after=0", new long[] { 1, 2, 3, 4 })]
    [InlineData("?after=2", new long[] { 3, 4 })]
    [InlineData("?after=4", new long[] { })]
    [InlineData("?after=-5", new long[] { 1, 2, 3, 4 })]
    public async Task The_transcript_holds_the_messages_after_the_given_seq(string query, long[] seqs)
    {
        var conversation = await _server.StartConversationAsync();
        using (var customer = _server.CreateClient(conversation.CustomerToken))
        {
            foreach (var text in new[] { "one", "two", "three" })
            {
                (await customer.PostAsJsonAsync($"api/v1/conversations/{conversation.ConversationId}/messages", new { clientMessageId = Guid.NewGuid(), text })).EnsureSuccessStatusCode();
            }
        }

        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));

        var transcript = await supervisor.GetFromJsonAsync<List<MessageView>>($"api/v1/agent/conversations/{conversation.ConversationId}/messages{query}", TestJson.Options);

        Assert.Equal(seqs, transcript!.Select(m => m.Seq));
    }
}
