using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.RoutingHost;

/// <summary>
/// The live board is what routing holds: nothing it shows outlives the chat. Queue figures and standings are derived
/// coalesced (a few times a second, not per command), so the test waits for them.
/// </summary>
public sealed class LiveBoardTests : ServerPerTest
{
    [Fact]
    public async Task A_waiting_chat_the_customer_ended_has_no_standing_and_the_chat_behind_it_is_next()
    {
        // Nobody is signed in: both chats wait.
        var board = Server.Services.GetRequiredService<LiveBoard>();
        var first = await Server.StartConversationAsync(name: "Ann");
        var second = await Server.StartConversationAsync(name: "Ben");
        await Eventually.ThatAsync(() => (board.Standing(first.ConversationId)?.Position, board.Standing(second.ConversationId)?.Position), p => p == (1, 2), "both chats waiting");

        using var customer = Server.CreateClient(first.CustomerToken);
        (await customer.PostAsync($"api/v1/conversations/{first.ConversationId}/end", null)).EnsureSuccessStatusCode();

        await Eventually.ThatAsync(
            () => (board.Standing(first.ConversationId), board.Standing(second.ConversationId)?.Position, board.Queues.Single(q => q.Queue == "support").Queued),
            s => s is (null, 1, 1), "the ended chat gone and the other next");
    }
}
