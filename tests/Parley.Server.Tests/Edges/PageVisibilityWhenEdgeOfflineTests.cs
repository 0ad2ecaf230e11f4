using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Edges;

/// <summary>
/// The page's visibility is the edge's word: when the edge holding the customer goes offline, it may have missed the tab
/// closing, so the agent is told the page is no longer known rather than keeping a state that may be wrong; the
/// widget's next report, once its edge is back, makes it known again.
/// </summary>
public sealed class PageVisibilityWhenEdgeOfflineTests
{
    [Fact]
    public async Task The_page_becomes_unknown_when_the_customers_edge_goes_offline_and_known_again_with_the_next_report()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = new ParleyServer(time: time);
        var heartbeats = new EdgeHeartbeats(server, time);
        await heartbeats.HeardAsync();
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await server.StartConversationAsync();
        await alice.AcceptAsync(chat.ConversationId);
        await using var customer = await server.ConnectCustomerAsync(chat.CustomerToken);
        await customer.InvokeAsync("PageVisibility", "visible");
        await alice.CustomerPage.WaitForAsync(p => p.Visibility == PageVisibility.Visible, "the page on screen");

        await heartbeats.StopAsync();
        time.Advance(EdgeHeartbeats.PastThree);

        var unknown = await alice.CustomerPage.WaitForAsync(p => p.Visibility is null, "the page no longer known");
        using var agent = server.CreateClient(await server.LoginAsync("alice"));
        var context = await agent.GetFromJsonAsync<CustomerContextView>($"api/v1/agent/conversations/{chat.ConversationId}/customer-context", TestJson.Options);
        Assert.Equal(chat.ConversationId, unknown.ConversationId);
        Assert.Equal((null, null), (context!.Visibility, context.VisibilitySince));

        await heartbeats.StartAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await customer.InvokeAsync("PageVisibility", "visible");

        var again = await alice.CustomerPage.WaitForAsync(p => p.Visibility == PageVisibility.Visible && p.Since > unknown.Since, "the page known again");
        Assert.Equal(time.GetUtcNow(), again.Since);
    }
}
