using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Storage;

/// <summary>
/// The search's words on a page of results: their matches read newest first, per provider, until no older match can
/// make the page (<see cref="SearchAsync"/> calls it for the first pages; deeper ones read every match).
/// </summary>
public sealed partial class ConversationHistoryQueries
{
    /// <summary>
    /// Up to this many results (offset, page and one more) are found by reading the words' matches newest first and
    /// stopping when no older match can make the page; deeper pages read every match (they are rare and slow anyway).
    /// </summary>
    private const int StreamedUpTo = 2_000;

    /// <summary>
    /// The newest <paramref name="wanted"/> conversations the words find, newest first, without reading every match: a
    /// common word is in half the messages, and a page needs a few dozen. Customer names and e-mails (one row per
    /// conversation) are asked at once; the messages newest first, in batches, each batch's conversations filtered and
    /// scoped by the same SQL, until a conversation not yet seen cannot be among the newest any more — its matching
    /// messages are all older than the batch, and it started before them.
    /// </summary>
    /// <param name="matchRows">Filled with a matching FTS5 row of each conversation read (SQLite), for its snippet.</param>
    private async Task<List<Found>> NewestMatchesAsync(
        HistoryFilter filter, HistoryScope scope, string words, int wanted, Dictionary<Guid, long> matchRows, CancellationToken cancellationToken)
    {
        var q = Postgres ? filter.Text! : words;
        // PostgreSQL: ARRAY(…) is evaluated once; as IN (…) the planner may walk every conversation newest first, computing each one's vector.
        var byCustomer = Postgres
            ? await FindAsync(filter, scope, p => $"""c."Id" = ANY(ARRAY(SELECT "Id" FROM conversations WHERE {SearchIndexSql.PostgresCustomerVector} @@ websearch_to_tsquery('simple', {p(q)})))""", wanted, 0, cancellationToken)
            : await FindAsync(filter, scope, null, wanted, 0, cancellationToken, p => $"SELECT conversation_id AS value FROM search_customers WHERE search_customers MATCH {p(q)}");
        var found = byCustomer.ToDictionary(row => row.Id);

        var batches = !Postgres ? SqliteMessageBatchesAsync(q, matchRows, cancellationToken)
            : scope.All || scope.Queues.Count > 0 ? PostgresMessageBatchesAsync(q, cancellationToken)
            : PostgresScopedBatchesAsync(filter, scope, q, cancellationToken);
        await foreach (var batch in batches)
        {
            if (batch.Conversations.Count > 0)
            {
                var rows = Postgres
                    ? await FindAsync(filter, scope, p => $"""c."Id" = ANY({p(batch.Conversations.ToArray())})""", wanted, 0, cancellationToken)
                    : await FindAsync(filter, scope, null, wanted, 0, cancellationToken, p => $"SELECT value FROM json_each({p(System.Text.Json.JsonSerializer.Serialize(batch.Conversations.Select(Text)))})");
                foreach (var row in rows)
                {
                    found.TryAdd(row.Id, row);
                }
            }

            if (found.Count >= wanted && Newest(found.Values).ElementAt(wanted - 1).StartedAt > batch.OlderStartedBefore)
            {
                break;
            }
        }

        return [.. Newest(found.Values).Take(wanted)];
    }

    /// <summary>
    /// SQLite: the FTS5 rows in the order they were written (their rowid), newest first, in growing batches. A message is
    /// written when it is sent, so every older row was sent before the batch's oldest, which its conversation sent
    /// before it ended (or now, if it is open: then no bound yet).
    /// </summary>
    private async IAsyncEnumerable<MatchBatch> SqliteMessageBatchesAsync(
        string words, Dictionary<Guid, long> matchRows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var before = long.MaxValue;
        var size = 256;
        while (true)
        {
            var rows = await context.Database.SqlQueryRaw<MatchRow>(
                """
                SELECT rowid AS "Row", conversation_id AS "ConversationId" FROM search_messages
                WHERE search_messages MATCH {0} AND rowid < {1} ORDER BY rowid DESC LIMIT {2}
                """, words, before, size).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                yield break;
            }

            before = rows[^1].Row;
            var last = Guid.Parse(rows[^1].ConversationId);
            var ended = await context.Conversations.AsNoTracking().Where(c => c.Id == last).Select(c => c.EndedAt).FirstOrDefaultAsync(cancellationToken);
            var conversations = new List<Guid>();
            foreach (var row in rows)
            {
                var id = Guid.Parse(row.ConversationId);
                if (matchRows.TryAdd(id, row.Row))
                {
                    conversations.Add(id);
                }
            }

            // Rows are written in batches a few milliseconds apart: a minute's margin keeps the bound safe.
            yield return new MatchBatch(conversations, rows.Count < size ? DateTimeOffset.MinValue : (ended ?? DateTimeOffset.MaxValue.AddDays(-1)).AddMinutes(1));
            if (rows.Count < size)
            {
                yield break;
            }

            size = Math.Min(size * 4, 16_384);
        }
    }

    /// <summary>
    /// PostgreSQL: first a capped read of the GIN index alone — a rare word's matches are few, and are the whole answer.
    /// A common word's are then read in windows of send time going back from the newest conversation's start (a day,
    /// then four times as far each time, then all); a conversation whose matches are all older than a window started
    /// before it. The planner cannot tell a rare word from a middling one (its statistics keep only the common words),
    /// so the probe is made to use the index: with a send-time range it would read every message of the range instead.
    /// </summary>
    private async IAsyncEnumerable<MatchBatch> PostgresMessageBatchesAsync(string text, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var probe = await PostgresProbeAsync(text, cancellationToken);
        if (probe.Count <= RareMatches)
        {
            yield return new MatchBatch([.. probe.Distinct()], DateTimeOffset.MinValue);
            yield break;
        }

        var newest = await context.Conversations.AsNoTracking().OrderByDescending(c => c.StartedAt).Select(c => (DateTimeOffset?)c.StartedAt).FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            yield break;
        }

        DateTimeOffset? until = null;
        for (var days = 1; ; days *= 4)
        {
            DateTimeOffset? since = days > 4_096 ? null : newest.Value.AddDays(-days);
            var sql = new StringBuilder($"""
                SELECT DISTINCT "ConversationId" AS "Value" FROM messages
                WHERE {SearchIndexSql.PostgresMessageVector} @@ websearch_to_tsquery('simple', {"{0}"}) AND "Sender" <> 'System'
                """);
            List<object> parameters = [text];
            if (since is { } from)
            {
                parameters.Add(from);
                sql.Append(" AND \"SentAt\" >= {1}");
            }

            if (until is { } to)
            {
                parameters.Add(to);
                sql.Append(" AND \"SentAt\" < {" + (parameters.Count - 1) + "}");
            }

            // A common word in a short window: the planner reads the window's messages by send time (its own choice).
            var conversations = await context.Database.SqlQueryRaw<Guid>(sql.ToString(), [.. parameters]).ToListAsync(cancellationToken);
            yield return new MatchBatch(conversations, since ?? DateTimeOffset.MinValue);
            if (since is null)
            {
                yield break;
            }

            until = since;
        }
    }

    /// <summary>
    /// PostgreSQL, an agent's own history (a few thousand conversations at most): their conversations newest first, a
    /// page at a time, each page's messages read by key and tested for the words — cheaper than reading a common word's
    /// matches across everyone's conversations. Every conversation of a later page started before this page's oldest.
    /// </summary>
    private async IAsyncEnumerable<MatchBatch> PostgresScopedBatchesAsync(
        HistoryFilter filter, HistoryScope scope, string text, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int PageSize = 500;
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await FindAsync(filter, scope, null, PageSize, offset, cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            // OFFSET 0 keeps the words out of the inner scan, which reads the page's messages by their key.
            var sql = $"""
                SELECT DISTINCT m."ConversationId" AS "Value" FROM (SELECT "ConversationId", "Text" FROM messages
                WHERE "ConversationId" = ANY({"{0}"}) AND "Sender" <> 'System' OFFSET 0) AS m
                WHERE to_tsvector('simple', m."Text") @@ websearch_to_tsquery('simple', {"{1}"})
                """;
            var matching = await context.Database.SqlQueryRaw<Guid>(sql, page.Select(c => c.Id).ToArray(), text).ToListAsync(cancellationToken);
            yield return new MatchBatch(matching, page.Count < PageSize ? DateTimeOffset.MinValue : page[^1].StartedAt.AddTicks(-1));
            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>At most this many matching messages make a word rare: its matches are read at once.</summary>
    private const int RareMatches = 5_000;

    /// <summary>The conversations of up to <see cref="RareMatches"/> + 1 matching messages, read through the GIN index only.</summary>
    private Task<List<Guid>> PostgresProbeAsync(string text, CancellationToken cancellationToken) =>
        BitmapOnlyAsync(
            $"""
            SELECT "ConversationId" AS "Value" FROM messages
            WHERE {SearchIndexSql.PostgresMessageVector} @@ websearch_to_tsquery('simple', {"{0}"}) AND "Sender" <> 'System' LIMIT {RareMatches + 1}
            """, [text], cancellationToken);

    /// <summary>Runs one query with only bitmap scans allowed: the GIN index is the one that applies.</summary>
    private async Task<List<Guid>> BitmapOnlyAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Only for this transaction (SET LOCAL).
            await context.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off", cancellationToken);
            return await context.Database.SqlQueryRaw<Guid>(sql, parameters).ToListAsync(cancellationToken);
        }
        finally
        {
            if (own is not null)
            {
                await own.RollbackAsync(CancellationToken.None); // it only read; rolling back ends the SET LOCAL too
                await own.DisposeAsync();
            }
            else
            {
                await context.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on", CancellationToken.None);
            }
        }
    }

    /// <summary>Newest first, ties by id — the order of the SQL's <c>ORDER BY "StartedAt" DESC, "Id" DESC</c> on both providers.</summary>
    private static IOrderedEnumerable<Found> Newest(IEnumerable<Found> rows) =>
        rows.OrderByDescending(r => r.StartedAt).ThenByDescending(r => Text(r.Id), StringComparer.Ordinal);

    // SQLite keeps a Guid as upper-case text; its order and PostgreSQL's uuid order are both this text's ordinal order.
    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    private sealed record MatchRow(long Row, string ConversationId);

    /// <summary>Conversations with matching messages, and a time every conversation with only older matches started before.</summary>
    private sealed record MatchBatch(IReadOnlyList<Guid> Conversations, DateTimeOffset OlderStartedBefore);
}
