using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The history's assignments and search (<see cref="ConversationHistoryQueries"/>), on every provider.</summary>
public abstract partial class StorageSpecification
{
    [Fact]
    public async Task Search_finds_words_of_messages_names_and_emails_newest_first_but_not_system_lines()
    {
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            var first = Conversation(old, startedAt: T0.AddDays(-400));
            first.CustomerName = "Zoë Quist";
            first.CustomerEmail = "zoe@bakery.example";
            context.AddRange(first, Conversation(recent, startedAt: T0), Conversation(other, startedAt: T0.AddMinutes(1)));
            await context.SaveChangesAsync();
        }

        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            // Through the group commit's multi-row insert, as the product stores them.
            await Task.WhenAll(
                writer.WriteAsync(Message(old, 2, MessageSender.Customer, "My parcel never arrived, the tracking number is wrong", T0.AddDays(-400))),
                writer.WriteAsync(Message(recent, 2, MessageSender.Agent, "Your PARCEL left the warehouse today.", T0)),
                writer.WriteAsync(Message(other, 2, MessageSender.System, "parcel desk joined the chat.", T0)));
        }

        await using var read = Database.CreateContext();
        var history = new ConversationHistoryQueries(read);

        var (found, more) = await history.SearchAsync(new HistoryFilter("parcel"), HistoryScope.Everything, CancellationToken.None);
        Assert.Equal([recent, old], found.Select(r => r.Id));
        Assert.False(more);
        Assert.Contains("warehouse", found[0].Snippet, StringComparison.Ordinal);
        Assert.Equal([old], (await history.SearchAsync(new HistoryFilter("tracking parcel"), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
        Assert.Equal([old], (await history.SearchAsync(new HistoryFilter("quist"), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
        Assert.Equal([old], (await history.SearchAsync(new HistoryFilter("zoe@bakery.example"), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
        Assert.Contains("parcel never arrived", (await history.SearchAsync(new HistoryFilter("quist"), HistoryScope.Everything, CancellationToken.None)).Rows[0].Snippet, StringComparison.Ordinal);
        Assert.Empty((await history.SearchAsync(new HistoryFilter("desk"), HistoryScope.Everything, CancellationToken.None)).Rows);
        // Customer text is never FTS syntax.
        Assert.Empty((await history.SearchAsync(new HistoryFilter("parcel\" OR \"x* NEAR("), HistoryScope.Everything, CancellationToken.None)).Rows);

        var firstPage = await history.SearchAsync(new HistoryFilter(PageSize: 2), HistoryScope.Everything, CancellationToken.None);
        Assert.Equal([other, recent], firstPage.Rows.Select(r => r.Id));
        Assert.True(firstPage.More);
        var lastPage = await history.SearchAsync(new HistoryFilter(Page: 2, PageSize: 2), HistoryScope.Everything, CancellationToken.None);
        Assert.Equal([old], lastPage.Rows.Select(r => r.Id));
        Assert.False(lastPage.More);
        Assert.Equal([other, recent], (await history.SearchAsync(new HistoryFilter(From: T0, To: T0.AddDays(1)), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_word_in_hundreds_of_messages_pages_newest_first_with_filters_scope_and_names_as_reading_every_match_would()
    {
        // 150 conversations an hour apart (the newest first in ids), each with four messages saying "order", written
        // in the order they were sent; every tenth in sales; one customer named "Order" long ago and one open chat
        // started long ago with a message today — the search reads its matches newest first and must still rank by start.
        var ids = Enumerable.Range(0, 150).Select(_ => Guid.NewGuid()).ToList();
        var longAgo = Guid.NewGuid();
        var named = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            for (var i = ids.Count - 1; i >= 0; i--)
            {
                var c = Conversation(ids[i], agent: i % 3 == 0 ? "alice" : "bob", state: ConversationState.Ended, startedAt: T0.AddHours(-i));
                c.Queue = i % 10 == 0 ? "sales" : "support";
                c.EndedAt = c.StartedAt.AddMinutes(10);
                context.Add(c);
            }

            var customer = Conversation(named, state: ConversationState.Ended, startedAt: T0.AddDays(-300));
            customer.CustomerName = "Olga Order";
            customer.EndedAt = customer.StartedAt.AddMinutes(10);
            context.AddRange(customer, Conversation(longAgo, startedAt: T0.AddDays(-200)));
            await context.SaveChangesAsync();
            var messages = new List<MessageRecord>();
            for (var i = ids.Count - 1; i >= 0; i--)
            {
                for (var m = 2; m <= 5; m++)
                {
                    messages.Add(Message(ids[i], m, m % 2 == 0 ? MessageSender.Customer : MessageSender.Agent, $"About my order number {i}-{m}", T0.AddHours(-i).AddMinutes(m)));
                }
            }

            messages.Add(Message(longAgo, 2, MessageSender.Customer, "Still waiting for that order", T0.AddHours(1)));
            await RowInserts.InsertAsync(context, messages, CancellationToken.None);
            context.AddRange(ids.Where((_, i) => i % 3 == 0).Select(id => Assignment(id, "alice", null)));
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var history = new ConversationHistoryQueries(read);
        async Task<(List<Guid> Ids, bool More)> Find(HistoryFilter filter, HistoryScope scope)
        {
            var (rows, more) = await history.SearchAsync(filter, scope, CancellationToken.None);
            return ([.. rows.Select(r => r.Id)], more);
        }

        async Task Page(List<Guid> expected, bool more, HistoryFilter filter, HistoryScope scope)
        {
            var found = await Find(filter, scope);
            Assert.Equal(expected, found.Ids);
            Assert.Equal(more, found.More);
        }

        // Everything, ranked by start: the 150 by their hour, then the long-ago chat, then the customer named Order.
        List<Guid> all = [.. ids, longAgo, named];
        await Page(all[..20], true, new HistoryFilter("order"), HistoryScope.Everything);
        await Page(all[140..], false, new HistoryFilter("order", Page: 8), HistoryScope.Everything);
        Assert.Equal(all[50..100], (await Find(new HistoryFilter("order", Page: 2, PageSize: 50), HistoryScope.Everything)).Ids);
        List<Guid> sales = [.. ids.Where((_, i) => i % 10 == 0)];
        await Page(sales[..10], true, new HistoryFilter("order", Queue: "sales", PageSize: 10), HistoryScope.Everything);
        await Page(sales[10..], false, new HistoryFilter("order", Queue: "sales", Page: 2, PageSize: 10), HistoryScope.Everything);
        List<Guid> alices = [.. ids.Where((_, i) => i % 3 == 0)];
        await Page(alices[20..40], true, new HistoryFilter("order", Page: 2), new HistoryScope(false, "alice", []));
        Assert.Equal([named], (await Find(new HistoryFilter("olga order"), HistoryScope.Everything)).Ids);
        Assert.Equal([ids[149]], (await Find(new HistoryFilter("\"order number 149-3\""), HistoryScope.Everything)).Ids);
    }

    [Fact]
    public async Task Long_chats_that_started_days_ago_and_say_the_word_most_lately_do_not_push_newer_chats_off_the_first_page()
    {
        // The newest matches (the search reads them first) all belong to 30 chats that started ten days ago; the five
        // newest chats said the word once, hours earlier. Ranked by start, those five are the first page.
        var newcomers = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await using (var context = await ContextAsync())
        {
            var messages = new List<MessageRecord>();
            for (var k = newcomers.Count - 1; k >= 0; k--)
            {
                var c = Conversation(newcomers[k], agent: "bob", state: ConversationState.Ended, startedAt: T0.AddHours(-k));
                c.EndedAt = c.StartedAt.AddMinutes(10);
                context.Add(c);
                messages.Add(Message(newcomers[k], 2, MessageSender.Customer, "Where is my order?", c.StartedAt.AddMinutes(1)));
            }

            for (var j = 0; j < 30; j++)
            {
                var veteran = Conversation(Guid.NewGuid(), agent: "bob", state: ConversationState.Ended, startedAt: T0.AddDays(-10).AddMinutes(-j));
                veteran.EndedAt = T0.AddHours(3);
                context.Add(veteran);
                messages.AddRange(Enumerable.Range(2, 10).Select(m => Message(veteran.Id, m, MessageSender.Agent, $"Your order, part {m}", T0.AddHours(2).AddSeconds(j * 10 + m))));
            }

            await context.SaveChangesAsync();
            await RowInserts.InsertAsync(context, [.. messages.OrderBy(m => m.SentAt)], CancellationToken.None);
        }

        await using var read = Database.CreateContext();
        var (rows, more) = await new ConversationHistoryQueries(read).SearchAsync(new HistoryFilter("order", PageSize: 5), HistoryScope.Everything, CancellationToken.None);

        Assert.Equal(newcomers, rows.Select(r => r.Id));
        Assert.True(more);
    }

    [Fact]
    public async Task An_agent_finds_what_they_hold_held_and_their_customers_earlier_chats_a_supervisor_their_queues()
    {
        var held = Guid.NewGuid();         // alice's, transferred to bob
        var holding = Guid.NewGuid();      // alice's now, visitor v1
        var earlier = Guid.NewGuid();      // v1's earlier chat, carol's
        var stranger = Guid.NewGuid();     // carol's, another visitor, queue sales
        await using (var context = await ContextAsync())
        {
            var sales = Conversation(stranger, visitor: "v2", agent: "carol", state: ConversationState.Ended, startedAt: T0.AddDays(-2));
            sales.Queue = "sales";
            context.AddRange(
                Conversation(held, agent: "bob", startedAt: T0.AddHours(-1)),
                Conversation(holding, visitor: "v1", agent: "alice", startedAt: T0),
                Conversation(earlier, visitor: "v1", agent: "carol", state: ConversationState.Ended, startedAt: T0.AddDays(-30)),
                sales);
            await context.SaveChangesAsync();
            context.AddRange(
                new ConversationTagRecord { ConversationId = stranger, Tag = "refund", AddedBy = "carol", AddedAt = T0 },
                new ConversationWrapUpRecord { ConversationId = stranger, Code = "solved", ChosenBy = "carol", ChosenAt = T0 },
                new RatingRecord { ConversationId = stranger, Rating = 2, RatedAt = T0, Queue = "sales", AgentUsername = "carol" });
            await context.SaveChangesAsync();
        }

        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(held, "alice", null)));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(held, "bob", "alice")));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(holding, "alice", null)));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(earlier, "carol", null)));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(stranger, "carol", null)));
        }

        await using var read = Database.CreateContext();
        var history = new ConversationHistoryQueries(read);
        async Task<List<Guid>> Find(HistoryFilter filter, HistoryScope scope) => [.. (await history.SearchAsync(filter, scope, CancellationToken.None)).Rows.Select(r => r.Id)];

        var alice = new HistoryScope(false, "alice", []);
        Assert.Equal([holding, held, earlier], await Find(new HistoryFilter(), alice));
        Assert.Equal([held], await Find(new HistoryFilter(), new HistoryScope(false, "bob", [])));
        Assert.Equal([holding, held, stranger, earlier], await Find(new HistoryFilter(), new HistoryScope(false, "dave", ["support", "sales"])));
        Assert.Equal([stranger], await Find(new HistoryFilter(), new HistoryScope(false, "dave", ["sales"])));
        Assert.True(await history.IsVisibleAsync(earlier, alice, CancellationToken.None));
        Assert.False(await history.IsVisibleAsync(stranger, alice, CancellationToken.None));
        Assert.False(await history.IsVisibleAsync(Guid.NewGuid(), HistoryScope.Everything, CancellationToken.None));

        // The filters, each alone.
        Assert.Equal([held], await Find(new HistoryFilter(Agent: "bob"), HistoryScope.Everything));
        Assert.Equal([held, holding], (await Find(new HistoryFilter(Agent: "alice"), HistoryScope.Everything)).OrderBy(id => id == held ? 0 : 1));
        Assert.Equal([stranger], await Find(new HistoryFilter(Queue: "sales"), HistoryScope.Everything));
        Assert.Equal([earlier, stranger], (await Find(new HistoryFilter(State: ConversationState.Ended), HistoryScope.Everything)).OrderBy(id => id == earlier ? 0 : 1));
        Assert.Equal([stranger], await Find(new HistoryFilter(Tag: "refund"), HistoryScope.Everything));
        Assert.Equal([stranger], await Find(new HistoryFilter(WrapUp: "solved"), HistoryScope.Everything));
        Assert.Equal([stranger], await Find(new HistoryFilter(Rating: 2), HistoryScope.Everything));
        Assert.Empty(await Find(new HistoryFilter(Rating: 5), HistoryScope.Everything));
        Assert.Equal([earlier], await Find(new HistoryFilter(From: T0.AddDays(-31), To: T0.AddDays(-3)), HistoryScope.Everything));
    }

    private static ConversationAssignmentRecord Assignment(Guid conversationId, string agent, string? from) =>
        new() { ConversationId = conversationId, Agent = agent, FromAgent = from, Kind = from is null ? "offer" : "transfer", AssignedAt = T0 };
}
