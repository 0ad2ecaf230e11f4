using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// The workflow's customer inactivity over RabbitMQ: a customer on an edge sees the warning and the close the core
/// decides, with the queue's workflow from configuration (Parley:Queues:N:Workflow:…). Real time, at the shortest
/// times the rules allow (10 s, 20 s).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class WorkflowOnEdgeTests
{
    [Fact]
    public async Task A_silent_customer_on_an_edge_sees_the_warning_then_the_close_and_the_closing_line()
    {
        var workflow = new Dictionary<string, string?>
        {
            ["Parley:Queues:0:Name"] = "sales",
            ["Parley:Queues:0:DisplayName"] = "Sales",
            ["Parley:Queues:0:Workflow:AgentJoined"] = "{agent.name} here, from {queue.name}.",
            ["Parley:Queues:0:Workflow:CustomerInactivity:WarnAfterSeconds"] = "10",
            ["Parley:Queues:0:Workflow:CustomerInactivity:Warning"] = "Still there, {customer.name}?",
            ["Parley:Queues:0:Workflow:CustomerInactivity:CloseAfterSeconds"] = "20",
            ["Parley:Queues:0:Workflow:CustomerInactivity:Closing"] = "Closed: we did not hear from you.",
            ["Parley:Queues:0:Workflow:Closing"] = "Thank you for chatting with us.",
        };
        await using var split = await SplitDeployment.StartAsync(["edge-1"], coreSettings: workflow);
        await using var bob = await split.Core!.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(split.Edge("edge-1"), queue: "sales");
        await bob.AcceptAsync(ann.Id);

        await ann.Messages.WaitForAsync(m => m.Text == "Bob Baker here, from Sales.", "the joined line on the edge");
        await ann.Messages.WaitForAsync(m => m.Text == "Still there, Ann?", "the warning on the edge", TimeSpan.FromSeconds(30));
        await ann.Status.WaitForAsync(s => s.State == ConversationState.Ended, "the close on the edge", TimeSpan.FromSeconds(30));
        var closing = await ann.Messages.WaitForAsync(m => m.Text == "Thank you for chatting with us.", "the closing line on the edge");
        var ended = await bob.Ended.WaitForAsync(e => e.ConversationId == ann.Id, "Bob told of the close");

        Assert.Equal("inactivity", ended.EndedBy);
        Assert.Contains(ann.Messages.Seen, m => m.Text == "Closed: we did not hear from you." && m.Seq == closing.Seq - 1);
    }
}
