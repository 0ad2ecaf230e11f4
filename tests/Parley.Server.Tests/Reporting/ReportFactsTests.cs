using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// The reporting event log as the real server writes it, on a fake clock: each fact in the order things happened, with
/// the durations the clock makes (a wait, a first reply, a handling time), committed before the change is acknowledged.
/// </summary>
public sealed class ReportFactsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_answered_chat_records_queued_offered_accepted_first_reply_and_ended_with_their_durations()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = new ParleyServer(time: time);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server);
        await bob.Offers.WaitForAsync(o => o.ConversationId == ann.Id, "the offer");

        time.Advance(TimeSpan.FromSeconds(7));
        await bob.AcceptAsync(ann.Id);
        time.Advance(TimeSpan.FromSeconds(3));
        await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Hello Ann");
        time.Advance(TimeSpan.FromSeconds(2));
        await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "How can I help?");
        time.Advance(TimeSpan.FromSeconds(10));
        await ann.Connection.InvokeAsync("End");

        var facts = await FactsOfAsync(server, ann.Id);
        Assert.Equal(["queued", "offered", "accepted", "firstReply", "ended"], facts.Select(f => f.Kind));
        var queuedAt = Start.ToUnixTimeMilliseconds();
        Assert.All(facts, f => Assert.Equal("support", f.Queue));
        Assert.All(facts, f => Assert.Equal(queuedAt, f.QueuedAt));
        var (queued, offered, accepted, reply, ended) = (facts[0], facts[1], facts[2], facts[3], facts[4]);
        Assert.Equal(("arrival", "chat", "local"), (queued.Detail, queued.Medium, queued.Edge));
        Assert.Equal(queuedAt, queued.At);
        Assert.Equal("bob", offered.Agent);
        Assert.Equal(("bob", "offer", 7_000L), (accepted.Agent, accepted.Detail, accepted.DurationMs));
        Assert.Equal(("bob", 3_000L), (reply.Agent, reply.DurationMs));
        Assert.Equal(("customer", "bob", 15_000L, 1), (ended.Detail, ended.Agent, ended.DurationMs, ended.Value));
        Assert.Equal(queuedAt + 22_000, ended.At);
    }

    [Fact]
    public async Task A_customer_who_leaves_the_queue_is_an_abandon_with_its_wait()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = new ParleyServer(time: time);
        await using var ann = await CustomerSession.StartAsync(server);
        time.Advance(TimeSpan.FromSeconds(4));
        await ann.Connection.InvokeAsync("End");

        var facts = await FactsOfAsync(server, ann.Id);
        Assert.Equal(["queued", "abandoned", "ended"], facts.Select(f => f.Kind));
        Assert.Equal(4_000L, facts[1].DurationMs);
        Assert.Equal(("customer", null, null), (facts[2].Detail, facts[2].Agent, facts[2].DurationMs));
    }

    [Fact]
    public async Task A_transfer_to_a_queue_closes_the_segment_and_opens_one_in_the_new_queue()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = new ParleyServer(time: time);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server);
        await bob.AcceptAsync(ann.Id);
        time.Advance(TimeSpan.FromSeconds(20));
        await bob.Connection.InvokeAsync("TransferToQueue", ann.Id, "billing");

        var facts = await FactsOfAsync(server, ann.Id);
        Assert.Equal(["queued", "offered", "accepted", "transferred", "queued"], facts.Select(f => f.Kind));
        var (transferred, queued) = (facts[3], facts[4]);
        Assert.Equal(("support", "bob", "billing", "queue", 20_000L), (transferred.Queue, transferred.Agent, transferred.Target, transferred.Detail, transferred.DurationMs));
        Assert.Equal(Start.ToUnixTimeMilliseconds(), transferred.QueuedAt);
        Assert.Equal(("billing", "transfer"), (queued.Queue, queued.Detail));
        Assert.Equal(queued.At, queued.QueuedAt);
        Assert.Equal(Start.AddSeconds(20).ToUnixTimeMilliseconds(), queued.At);
    }

    [Fact]
    public async Task A_supervisors_takeover_closes_the_first_agents_handling_with_its_time_and_is_not_their_transfer()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = new ParleyServer(time: time);
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server);
        await alice.AcceptAsync(ann.Id);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        await server.Services.GetRequiredService<Parley.Server.Agents.AgentDesk>().ForceAssignAsync("admin", ann.Id, "bob", CancellationToken.None);

        var facts = await FactsOfAsync(server, ann.Id);
        Assert.Equal(["queued", "offered", "accepted", "transferred", "accepted"], facts.Select(f => f.Kind));
        var (handedOver, taken) = (facts[3], facts[4]);
        Assert.Equal(("alice", "bob", "takeover", 30_000L), (handedOver.Agent, handedOver.Target, handedOver.Detail, handedOver.DurationMs));
        Assert.Equal(("bob", "takeover", 0L), (taken.Agent, taken.Detail, taken.DurationMs));

        // Folded: alice handled the chat for 30 s and made no transfer; the queue counts no transfer either.
        var reports = server.Services.GetRequiredService<Parley.Server.Reporting.QueueReports>();
        await server.Services.GetRequiredService<Parley.Server.Reporting.QueueProjection>().CatchUpAsync(CancellationToken.None);
        await server.Services.GetRequiredService<Parley.Server.Reporting.AgentProjection>().CatchUpAsync(CancellationToken.None);
        var hour = new Parley.Server.Reporting.ReportFilter(Start, Start.AddHours(1), Parley.Server.Reporting.ReportInterval.Hour, "UTC");
        var support = Assert.Single(await reports.QueuesAsync(hour with { Queues = ["support"] }));
        Assert.Equal((1, 0, 0), (support.Handled, support.TransfersToAgent, support.TransfersOut));
        var agents = server.Services.GetRequiredService<Parley.Server.Reporting.AgentReports>();
        var aliceRow = Assert.Single(await agents.AgentsAsync(hour with { Agents = ["alice"] }).ToListAsync());
        Assert.Equal((1, 30.0, 0), (aliceRow.ChatsHandled, aliceRow.HandleSeconds ?? 0, aliceRow.Transfers));
    }

    [Fact]
    public async Task An_agent_records_one_fact_per_change_of_state_each_with_the_whole_state_after_it()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = new ParleyServer(time: time);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await using var ann = await CustomerSession.StartAsync(server);
        await bob.AcceptAsync(ann.Id);
        time.Advance(TimeSpan.FromMinutes(1));
        await ann.Connection.InvokeAsync("End");
        await bob.Connection.InvokeAsync("SetPresenceWithReason", "Away", "Lunch");
        time.Advance(TimeSpan.FromMinutes(1));
        await bob.Connection.InvokeAsync("SetPresence", "Offline");

        await using var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        var states = await new ReportEventQueries(context).StatesOfAgentAsync("bob", CancellationToken.None);
        var signedIn = states[0];
        Assert.Equal(("signedIn", "Available", "Ready", 0), (signedIn.Kind, signedIn.Presence, signedIn.Status, signedIn.Active));
        Assert.Contains(states, s => s.Active == 1);
        var away = Assert.Single(states, s => s.Kind == "presence");
        Assert.Equal(("Away", "Lunch", "Away"), (away.Presence, away.Detail, away.Status));
        Assert.Equal(("signedOut", "Offline"), (states[^1].Kind, states[^1].Presence));
        // Only changes: no two rows in a row with the same state.
        Assert.All(states.Zip(states.Skip(1)), pair => Assert.NotEqual(State(pair.First), State(pair.Second)));
        Assert.True(states.Select(s => s.At).SequenceEqual(states.Select(s => s.At).Order()));
    }

    [Fact]
    public async Task A_wrap_up_names_its_chat_and_its_length_however_it_ends()
    {
        var time = new FakeTimeProvider(Start);
        await using var server = new ParleyServer(time: time);
        using (var admin = server.CreateClient(await server.LoginAsync("admin")))
        {
            var queue = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/support"))!;
            queue["wrapUpSeconds"] = 60;
            var saved = await admin.PutAsJsonAsync("api/v1/admin/queues/support", queue);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server);
        await bob.AcceptAsync(ann.Id);
        await ann.Connection.InvokeAsync("End");
        time.Advance(TimeSpan.FromSeconds(25));
        // Going Away during the wrap-up ends it: the presence change, then the wrap-up's end at the same moment.
        await bob.Connection.InvokeAsync("SetPresenceWithReason", "Away", "Coffee");

        await using var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        var states = await new ReportEventQueries(context).StatesOfAgentAsync("bob", CancellationToken.None);
        var started = Assert.Single(states, s => s.Kind == "wrapUpStarted");
        Assert.Equal((ann.Id, "WrapUp"), (started.ConversationId, started.Status));
        Assert.Equal(["presence", "wrapUpEnded"], states.SkipWhile(s => s.Kind != "wrapUpStarted").Skip(1).Select(s => s.Kind));
        var ended = states[^1];
        Assert.Equal((ann.Id, 25_000L, "Away", "Coffee"), (ended.ConversationId, ended.DurationMs, ended.Presence, ended.Detail));
        Assert.Equal(states[^2].At, ended.At);
    }

    private static (string?, string?, string?, int?, int?) State(ReportEventRecord e) => (e.Presence, e.Detail, e.Status, e.Active, e.Capacity);

    private static async Task<List<ReportEventRecord>> FactsOfAsync(ParleyServer server, Guid conversationId)
    {
        await using var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        return await new ReportEventQueries(context).OfConversationAsync(conversationId, CancellationToken.None);
    }
}
