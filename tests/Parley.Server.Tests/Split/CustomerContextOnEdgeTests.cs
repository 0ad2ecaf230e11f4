using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// The customer's context through an edge over RabbitMQ: the start's context and the signed visitor token cross the
/// transport to the core, and the page's visibility, reported to the edge's hub, reaches the agent on the core.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class CustomerContextOnEdgeTests
{
    [Fact]
    public async Task The_context_and_the_page_visibility_reach_the_agent_on_the_core_through_the_edge()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1"]);
        var edge = split.Edge("edge-1");
        await using var alice = await split.CoreAddress.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        using var anonymous = edge.CreateClient();
        var earlier = await CustomerContextSpecification.StartAsync(anonymous, context: null);
        (await edge.CreateClient(earlier.CustomerToken).PostAsync($"api/v1/conversations/{earlier.ConversationId}/end", null)).EnsureSuccessStatusCode();
        var chat = await CustomerContextSpecification.StartAsync(anonymous, new { pageUrl = "https://shop.example/help", pageTitle = "Help", referrer = "https://search.example/" },
            visitorToken: earlier.VisitorToken);
        await alice.AcceptAsync(chat.ConversationId);
        await using var customer = await edge.ConnectCustomerAsync(chat.CustomerToken);

        await customer.InvokeAsync("PageVisibility", "hidden");
        var hidden = await alice.CustomerPage.WaitForAsync(p => p.ConversationId == chat.ConversationId, "the hidden tab at the agent, from the edge");
        using var agent = split.CoreAddress.CreateClient(await split.CoreAddress.LoginAsync("alice"));
        var context = await agent.GetFromJsonAsync<CustomerContextView>($"api/v1/agent/conversations/{chat.ConversationId}/customer-context", TestJson.Options);

        Assert.Equal(PageVisibility.Hidden, hidden.Visibility);
        Assert.Equal(("https://shop.example/help", "Help", "https://search.example/", true, 1, PageVisibility.Hidden),
            (context!.PageUrl, context.PageTitle, context.Referrer, context.ReturningVisitor, context.EarlierChats, context.Visibility));
    }
}
