using Microsoft.AspNetCore.SignalR.Client;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.RoutingHost;

/// <summary>
/// Two queues and four agents with different skills, driven through the real hubs on a real server: each chat
/// must reach the agent the rules say (docs/routing.md). The server runs on a fake clock: offer time-outs, pass-overs
/// and maximum waits happen when the test moves the clock, not after seconds of waiting.
/// </summary>
public sealed class RoutingThroughHubsTests : IAsyncLifetime
{
    private const string Password = "routing-test-password";
    private const int OfferTimeoutSeconds = 3;
    private static readonly TimeSpan PastOfferTimeout = TimeSpan.FromSeconds(OfferTimeoutSeconds) + TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StandingInterval = TimeSpan.FromSeconds(1); // Parley:Routing:StandingInterval's default

    // Agents: ann (billing 9, lang:nl 5; billing primary, tech backup), ben (billing 4), cat (tech 8), dan (tech 5,
    // billing 3; tech primary, billing backup). Everyone handles two chats at a time.
    private static readonly (string Name, Dictionary<string, int> Skills, (string Queue, int Priority)[] Queues)[] Agents =
    [
        ("ann", new() { ["billing"] = 9, ["tech"] = 2, ["lang:nl"] = 5 }, [("billing", 1), ("tech", 2)]),
        ("ben", new() { ["billing"] = 4 }, [("billing", 1)]),
        ("cat", new() { ["tech"] = 8 }, [("tech", 1)]),
        ("dan", new() { ["tech"] = 5, ["billing"] = 3 }, [("tech", 1), ("billing", 2)]),
    ];

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ParleyServer _server = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Parley:Demo:Enabled"] = "false" };
        for (var i = 0; i < Agents.Length; i++)
        {
            settings[$"Parley:Agents:{i}:Username"] = Agents[i].Name;
            settings[$"Parley:Agents:{i}:DisplayName"] = char.ToUpperInvariant(Agents[i].Name[0]) + Agents[i].Name[1..];
            settings[$"Parley:Agents:{i}:Password"] = Password;
        }

        _server = new ParleyServer(settings: settings, time: _time);
        await DefineRoutingAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chats_reach_the_agents_the_rules_say_and_customers_see_their_place_in_line()
    {
        await using var ann = await Available("ann");
        await using var ben = await Available("ben");
        await using var cat = await Available("cat");
        await using var dan = await Available("dan");

        // 1. Best skill match: billing goes to Ann (billing 9) before Ben (4); Dan is only a backup there.
        //    Ann declines: the chat goes to the next best, Ben, and keeps its place.
        await using var c1 = await CustomerSession.StartAsync(_server, "billing", "Customer One");
        var offer1 = await ann.Offers.WaitForAsync(o => o.ConversationId == c1.Id, "c1 offered to Ann");
        await ann.Connection.InvokeAsync("Decline", offer1.OfferId);
        await ben.AcceptAsync(c1.Id);
        await c1.Status.WaitForAsync(s => s.AgentName == "Ben", "c1 told Ben joined");

        // 2. "Language: nl" adds lang:nl ≥ 1, which only Ann has. She lets the offer time out: she is set Away, the
        //    chat waits, and its customer hears place 1 with an estimate from the agents still serving billing
        //    (Ben 2 slots + Dan 2 slots, default handle time 4 min → 240 s ÷ 4 = 60 s).
        await using var c2 = await StartWithAnswers("billing", "Customer Two", new() { ["language"] = "nl" });
        var offer2 = await ann.Offers.WaitForAsync(o => o.ConversationId == c2.Id, "c2 offered to Ann");
        _time.Advance(PastOfferTimeout);
        var timedOut = await ann.Withdrawn.WaitForAsync(w => w.OfferId == offer2.OfferId, "c2's offer to Ann timing out");
        await ann.State.WaitForAsync(s => s.Presence == AgentPresence.Away && s.Reason == "Missed offer", "Ann set Away");
        var waiting = await Standing(c2, s => s.EstimatedWaitSeconds == 60, "c2's place and estimate");
        Assert.Equal("timedOut", timedOut.Reason);
        Assert.Equal(1, waiting.Position);
        Assert.DoesNotContain(ben.Offers.Seen, o => o.ConversationId == c2.Id);
        Assert.DoesNotContain(dan.Offers.Seen, o => o.ConversationId == c2.Id);

        // Ann comes back: not offered the chat she let time out at once, but once her pass-over (one offer timeout) ends.
        await ann.GoAvailableAsync();
        Assert.DoesNotContain(ann.Offers.Seen, o => o.ConversationId == c2.Id && o.OfferId != offer2.OfferId);
        _time.Advance(PastOfferTimeout);
        var again = await ann.Offers.WaitForAsync(o => o.ConversationId == c2.Id && o.OfferId != offer2.OfferId, "c2 offered to Ann again");
        await ann.Connection.InvokeAsync<AssignedConversationView>("Accept", again.OfferId);

        // 3. Longest idle in tech: Cat became available before Dan.
        await using var c3 = await CustomerSession.StartAsync(_server, "tech", "Customer Three");
        await cat.AcceptAsync(c3.Id);
        Assert.DoesNotContain(dan.Offers.Seen, o => o.ConversationId == c3.Id);

        // 4. Billing agents step away; a new billing chat (c4) waits at place 1. Cat transfers c3 — which entered
        //    earlier — to billing: it lines up by its original entry time, ahead of c4, which moves to place 2.
        foreach (var agent in new[] { ann, ben, dan })
        {
            await agent.Connection.InvokeAsync("SetPresenceWithReason", AgentPresence.Away, "Meeting");
        }

        await using var c4 = await CustomerSession.StartAsync(_server, "billing", "Customer Four");
        Assert.Equal(1, c4.Conversation.Status.Position);
        await cat.Connection.InvokeAsync("TransferToQueue", c3.Id, "billing");
        await cat.Transferred.WaitForAsync(t => t.ConversationId == c3.Id && t.ToQueue == "Billing", "Cat told the chat left");
        await Standing(c3, s => s.Position == 1, "c3 first in billing");
        await Standing(c4, s => s.Position == 2, "c4 moved to place 2");

        // Ben returns: he gets c3 (first by entry time), not c4; then c4 is next in line.
        await ben.GoAvailableAsync();
        await ben.AcceptAsync(c3.Id);
        await c3.Status.WaitForAsync(s => s.AgentName == "Ben", "c3 told Ben joined");
        await Standing(c4, s => s.Position == 1 && s.State == ConversationState.Queued, "c4 at place 1 again");
        Assert.DoesNotContain(ben.Offers.Seen, o => o.ConversationId == c4.Id);
    }

    [Fact]
    public async Task A_full_queue_refuses_new_chats_with_503_and_a_chat_that_waits_too_long_is_ended_with_an_apology()
    {
        // "small" holds one waiting chat at most and gives up after 2 s; nobody is available.
        await AddQueueAsync(new QueueRecord { Name = "small", DisplayName = "Small", MaxQueueLength = 1, MaxWaitSeconds = 2 });
        await using var first = await CustomerSession.StartAsync(_server, "small", "Customer One");

        using var client = _server.CreateClient();
        var second = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "small", customer = new { name = "Customer Two" } });
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        _time.Advance(TimeSpan.FromSeconds(2.5)); // past the maximum wait
        var ended = await first.Status.WaitForAsync(s => s.State == ConversationState.Ended, "the first chat ended after its maximum wait");
        var apology = await first.Messages.WaitForAsync(m => m.Sender == MessageSender.System && m.Text.Contains("no agent could take your chat", StringComparison.Ordinal), "the apology");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Contains("full", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A refusal, not an outage: no Retry-After, so the widget shows the sentence instead of retrying.
        Assert.Null(second.Headers.RetryAfter);
        Assert.Equal(ConversationState.Ended, ended.State);
        Assert.NotNull(apology);
    }

    /// <summary>A place or estimate that moved: pushed at the standing publisher's next turn of the clock.</summary>
    private Task<ConversationStatus> Standing(CustomerSession customer, Func<ConversationStatus, bool> match, string what) =>
        _time.RunUntilAsync(StandingInterval, customer.Status, match, what);

    private async Task AddQueueAsync(QueueRecord queue)
    {
        await using (var context = await _server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync())
        {
            context.Queues.Add(queue);
            await context.SaveChangesAsync();
        }

        await _server.Services.GetRequiredService<QueueCatalog>().ReloadAsync(CancellationToken.None);
        Assert.True((await _server.Services.GetRequiredService<RoutingCoordinator>().ApplyQueueAsync(queue, CancellationToken.None)).Succeeded);
    }

    private async Task<AgentSession> Available(string username)
    {
        var session = await _server.ConnectAgentAsync(username, Password);
        await session.GoAvailableAsync();
        // One after the other, as on real time: longest idle tells them apart.
        _time.Advance(TimeSpan.FromSeconds(1));
        return session;
    }

    private async Task<CustomerSession> StartWithAnswers(string queue, string name, Dictionary<string, string> answers) =>
        await CustomerSession.StartAsync(_server, queue, name, answers);

    /// <summary>Stores the queues and agent skills the way the admin API does, then applies them to routing.</summary>
    private async Task DefineRoutingAsync()
    {
        var services = _server.Services;
        await using (var context = await services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync())
        {
            context.Queues.Add(new QueueRecord
            {
                Name = "billing",
                DisplayName = "Billing",
                OfferTimeoutSeconds = OfferTimeoutSeconds,
                Strategy = RoutingStrategy.BestSkillMatch,
                RequiredSkills = [new SkillRequirementRecord { Skill = "billing", MinimumLevel = 3 }],
                Questions = [new PreChatQuestion { Id = "language", Label = "Language", Type = "choice", Options = ["en", "nl"] }],
                AnswerRules = [new AnswerRuleRecord { Question = "language", Answer = "nl", Skill = "lang:nl", MinimumLevel = 1 }],
            });
            context.Queues.Add(new QueueRecord
            {
                Name = "tech",
                DisplayName = "Technical support",
                OfferTimeoutSeconds = OfferTimeoutSeconds,
                Strategy = RoutingStrategy.LongestIdle,
                RequiredSkills = [new SkillRequirementRecord { Skill = "tech", MinimumLevel = 1 }],
            });
            foreach (var (name, skills, queues) in Agents)
            {
                var agent = await context.Agents.SingleAsync(a => a.Username == name);
                agent.Skills = skills;
                agent.Queues = [.. queues.Select(q => q.Queue)];
                agent.QueuePriorities = queues.ToDictionary(q => q.Queue, q => q.Priority);
                agent.Capacity = 2;
            }

            await context.SaveChangesAsync();
        }

        await services.GetRequiredService<QueueCatalog>().ReloadAsync(CancellationToken.None);
        await services.GetRequiredService<AgentDirectory>().ReloadAsync(CancellationToken.None);
        var routing = services.GetRequiredService<RoutingCoordinator>();
        foreach (var queue in services.GetRequiredService<QueueCatalog>().All)
        {
            Assert.True((await routing.ApplyQueueAsync(queue, CancellationToken.None)).Succeeded);
        }

        foreach (var agent in services.GetRequiredService<AgentDirectory>().All)
        {
            Assert.True((await routing.ApplyAgentAsync(agent, CancellationToken.None)).Succeeded);
        }
    }
}
