using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// An edge answers a queue's availability from its own copy of the facts, over RabbitMQ: told of each change by the
/// core, and asking for all of it again once the core answers after an outage (what changed meanwhile is not lost).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class AvailabilityOnEdgeTests
{
    [Fact]
    public async Task An_edge_is_told_when_agents_sign_in_and_out_and_after_a_core_outage_knows_what_changed_meanwhile()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1"], coreInChildProcess: true, requestTimeout: TimeSpan.FromSeconds(1));
        var core = split.CoreProcess!;
        using var edge = split.Edge("edge-1").CreateClient();

        var nobody = await EventuallyAsync(edge, a => a is { State: "noAgents" }, "support without agents on the edge");
        await using (var alice = await core.ConnectAgentAsync("alice"))
        {
            await alice.GoAvailableAsync();
            await EventuallyAsync(edge, a => a is { State: "open" }, "support open on the edge once alice is in");
            await alice.Connection.InvokeAsync("SetPresence", "offline");
            await EventuallyAsync(edge, a => a is { State: "noAgents" }, "support without agents again once alice signed out");
        }

        await core.KillAsync();
        await using (var database = core.OpenDatabase())
        {
            // Changed while no edge could hear of it.
            var support = await database.Queues.SingleAsync(q => q.Name == "support");
            support.NoAgentsPolicy = AvailabilityPolicy.Message;
            await database.SaveChangesAsync();
        }

        await core.StartAsync();
        var after = await EventuallyAsync(edge, a => a is { Policy: "message" }, "the edge to learn support's new policy after the outage");

        Assert.Equal("queue", nobody!.Policy);
        Assert.Equal(("noAgents", "message"), (after!.State, after.Policy));
    }

    private sealed record Availability(string? State, string? Policy);

    /// <summary>Asks the edge until the queue's availability matches (503 while the core is away counts as no answer).</summary>
    private static Task<Availability?> EventuallyAsync(HttpClient edge, Func<Availability?, bool> match, string what) =>
        Eventually.ThatAsync(
            async Task<Availability?> () =>
            {
                using var response = await edge.GetAsync("api/v1/queues/support");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return null;
                }

                var availability = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("availability");
                return new Availability(availability.GetProperty("state").GetString(), availability.GetProperty("policy").GetString());
            },
            match,
            what,
            TimeSpan.FromSeconds(60));
}
