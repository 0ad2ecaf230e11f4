using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.RoutingHost;

/// <summary>The live board is what routing holds after the last command: nothing it shows outlives the chat.</summary>
public sealed class LiveBoardTests : ServerPerTest
{
    [Fact]
    public async Task A_waiting_chat_the_customer_ended_has_no_standing_and_the_chat_behind_it_is_next_at_once()
    {
        // Nobody is signed in: both chats wait.
        var board = Server.Services.GetRequiredService<LiveBoard>();
        var first = await Server.StartConversationAsync(name: "Ann");
        var second = await Server.StartConversationAsync(name: "Ben");
        Assert.Equal(1, board.Standing(first.ConversationId)?.Position);
        Assert.Equal(2, board.Standing(second.ConversationId)?.Position);

        using var customer = Server.CreateClient(first.CustomerToken);
        (await customer.PostAsync($"api/v1/conversations/{first.ConversationId}/end", null)).EnsureSuccessStatusCode();

        Assert.Null(board.Standing(first.ConversationId));
        Assert.Equal(1, board.Standing(second.ConversationId)?.Position);
        Assert.Equal(1, board.Queues.Single(q => q.Queue == "support").Queued);
    }
}
