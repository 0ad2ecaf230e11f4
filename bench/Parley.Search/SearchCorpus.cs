using Parley.ReportBench.Loading;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.SearchBench;

/// <summary>
/// A generated history: conversations of <see cref="MessagesPerConversation"/> messages over two years, four queues, 50
/// agents, texts of 6–24 words drawn from a 20,000-word vocabulary with a Zipf-like skew (a few words in most messages,
/// most words rare), stored as the product stores them (messages through <see cref="RowInserts"/>) so the search index is kept as in production.
/// </summary>
public static class SearchCorpus
{
    public const int MessagesPerConversation = 10;
    public const string CommonWord = "w1";      // in a large share of the messages
    public const string MiddleWord = "w40";
    public const string RareWord = "w15000";
    private const int Vocabulary = 20_000;
    private const int Batch = 20_000;
    private static readonly string[] Queues = ["support", "sales", "billing", "returns"];
    private static readonly string[] Names = ["Ann Quist", "Bo Lind", "Carla Mendes", "Dan Okafor", "Eve Novak", "Femi Adeyemi", "Gus Brandt", "Hana Sato"];

    public static async Task LoadAsync(BenchDatabase database, int messages)
    {
        var random = new Random(21);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var conversations = messages / MessagesPerConversation;
        var rows = new List<ConversationRecord>(Batch);
        var texts = new List<MessageRecord>(Batch * MessagesPerConversation);
        var assignments = new List<ConversationAssignmentRecord>(Batch);
        for (var c = 0; c < conversations; c++)
        {
            var id = Guid.CreateVersion7(start.AddSeconds(c * (730.0 * 86_400 / conversations)));
            var startedAt = start.AddSeconds(c * (730.0 * 86_400 / conversations));
            var agent = "agent" + random.Next(50);
            rows.Add(new ConversationRecord
            {
                Id = id, Queue = Queues[c % Queues.Length], CustomerName = Names[c % Names.Length], CustomerEmail = $"c{c}@example.com",
                VisitorId = "v" + (c % (conversations / 3 + 1)), State = ConversationState.Ended, StartedAt = startedAt, QueuedAt = startedAt,
                AgentUsername = agent, AssignedAt = startedAt.AddSeconds(30), EndedAt = startedAt.AddMinutes(12), EndedBy = "agent",
            });
            assignments.Add(new ConversationAssignmentRecord { ConversationId = id, Agent = agent, Kind = "offer", AssignedAt = startedAt.AddSeconds(30) });
            for (var m = 1; m <= MessagesPerConversation; m++)
            {
                texts.Add(new MessageRecord
                {
                    ConversationId = id, Seq = m, Sender = m == 1 ? MessageSender.System : m % 2 == 0 ? MessageSender.Customer : MessageSender.Agent,
                    Text = m == 1 ? "Welcome! An agent will be with you shortly." : Text(random), SentAt = startedAt.AddSeconds(m * 40),
                });
            }

            if (rows.Count == Batch || c == conversations - 1)
            {
                await using var context = database.CreateContext();
                await using var transaction = await context.Database.BeginTransactionAsync();
                // Conversations through the change tracker (their Guid key is one RowInserts leaves to the database), messages as the writer stores them.
                context.ChangeTracker.AutoDetectChangesEnabled = false;
                context.Conversations.AddRange(rows);
                await context.SaveChangesAsync();
                await RowInserts.InsertAsync(context, texts, CancellationToken.None);
                await RowInserts.InsertAsync(context, assignments, CancellationToken.None);
                await transaction.CommitAsync();
                rows.Clear();
                texts.Clear();
                assignments.Clear();
            }
        }
    }

    private static string Text(Random random)
    {
        var words = new string[random.Next(6, 25)];
        for (var i = 0; i < words.Length; i++)
        {
            // Zipf-like: the rank is Vocabulary^u, so low ranks (common words) come up far more often.
            words[i] = "w" + ((int)Math.Pow(Vocabulary, random.NextDouble()) - 1);
        }

        return string.Join(' ', words);
    }
}
