using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// A customer with tabs of one chat on two edges (a split deployment over RabbitMQ): the core keeps each edge's word on
/// the page and the agent sees them combined — on the page while a tab on either edge is visible, "left" only once no
/// edge has a tab open.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PageVisibilityOnTwoEdgesTests
{
    [Fact]
    public async Task Closing_every_tab_on_one_edge_is_not_left_while_a_tab_on_the_other_edge_is_open()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1", "edge-2"]);
        await using var alice = await split.CoreAddress.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await split.Edge("edge-1").StartConversationAsync();
        await alice.AcceptAsync(chat.ConversationId);
        var pushes = alice.CustomerPage;
        await using var onEdge1 = await split.Edge("edge-1").ConnectCustomerAsync(chat.CustomerToken);
        await using var onEdge2 = await split.Edge("edge-2").ConnectCustomerAsync(chat.CustomerToken);

        await onEdge1.InvokeAsync("PageVisibility", "hidden");
        await pushes.WaitForAsync(p => p.Visibility == PageVisibility.Hidden, "the hidden tab on edge-1");
        await onEdge2.InvokeAsync("PageVisibility", "visible");
        await pushes.WaitForAsync(p => p.Visibility == PageVisibility.Visible, "the visible tab on edge-2");

        // The visible tab closes (a clean close: edge-2 reports "left" for its last connection). Edge-1's hidden tab is
        // still open: the page is hidden, not left.
        await onEdge2.StopAsync();
        var afterEdge2 = await NextAsync(pushes, 2, "the page after edge-2's last tab closed");
        using var agent = split.CoreAddress.CreateClient(await split.CoreAddress.LoginAsync("alice"));
        var context = await agent.GetFromJsonAsync<CustomerContextView>($"api/v1/agent/conversations/{chat.ConversationId}/customer-context", TestJson.Options);

        Assert.Equal(PageVisibility.Hidden, afterEdge2.Visibility);
        Assert.Equal(PageVisibility.Hidden, context!.Visibility);

        // The last tab anywhere closes: now the customer has left.
        await onEdge1.StopAsync();
        var afterEdge1 = await NextAsync(pushes, 3, "the page after the last tab closed");

        Assert.Equal(PageVisibility.Left, afterEdge1.Visibility);
        Assert.Equal(4, pushes.Seen.Count);
    }

    /// <summary>The push after the first <paramref name="before"/> (a push that changes nothing is never sent).</summary>
    private static async Task<CustomerPageView> NextAsync(Inbox<CustomerPageView> pushes, int before, string what)
    {
        var seen = 0;
        return await pushes.WaitForAsync(_ => ++seen > before, what);
    }
}
