using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;

namespace Parley.Server.Storage;

/// <summary>
/// The history's named queries — search, and "may this account read this conversation" — on a context the caller owns.
/// One SQL text per provider for the words (SQLite FTS5, PostgreSQL full-text search over <see cref="SearchIndexSql"/>'s
/// indexes); the filters and the scope are the same SQL on both. Newest first; a page asks for one row more than it
/// shows, to say whether another page follows without counting every match.
/// </summary>
public sealed partial class ConversationHistoryQueries(ParleyDbContext context)
{
    public const int SnippetLength = 160;

    private bool Postgres => context.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>A page of the conversations <paramref name="scope"/> may find that match, newest first; and whether more follow.</summary>
    public async Task<(IReadOnlyList<HistoryRow> Rows, bool More)> SearchAsync(HistoryFilter filter, HistoryScope scope, CancellationToken cancellationToken)
    {
        var words = filter.Text is { } text ? WordsOf(text) : null;
        if (filter.Text is not null && words is null)
        {
            return ([], false); // Only punctuation: no word can match.
        }

        var offset = (filter.Page - 1) * filter.PageSize;
        var wanted = offset + filter.PageSize + 1;
        var matchRows = new Dictionary<Guid, long>();
        var found = words is not null && wanted <= StreamedUpTo
            ? [.. (await NewestMatchesAsync(filter, scope, words, wanted, matchRows, cancellationToken)).Skip(offset)]
            : await FindAsync(filter, scope, words is null ? null : WordsCondition(filter.Text!, words), filter.PageSize + 1, offset, cancellationToken);
        var page = found.Take(filter.PageSize).ToList();
        var snippets = await SnippetsAsync([.. page.Select(f => f.Id)], filter.Text, words, matchRows, cancellationToken);
        return ([.. page.Select(f => new HistoryRow(
            f.Id, f.Queue, f.CustomerName, f.AgentUsername, f.StartedAt, f.EndedAt, Enum.Parse<ConversationState>(f.State), snippets.GetValueOrDefault(f.Id)))], found.Count > filter.PageSize);
    }

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

    /// <summary>The words' condition as one set (every match read): customer fields or any message.</summary>
    private Func<Func<object, string>, string> WordsCondition(string text, string words) => p =>
    {
        var q = p(Postgres ? text : words);
        return Postgres
            ? $"""
               (c."Id" IN (SELECT "ConversationId" FROM messages WHERE {SearchIndexSql.PostgresMessageVector} @@ websearch_to_tsquery('simple', {q}) AND "Sender" <> 'System')
                 OR c."Id" IN (SELECT "Id" FROM conversations WHERE {SearchIndexSql.PostgresCustomerVector} @@ websearch_to_tsquery('simple', {q})))
               """
            : $"""
               (c."Id" IN (SELECT conversation_id FROM search_messages WHERE search_messages MATCH {q})
                 OR c."Id" IN (SELECT conversation_id FROM search_customers WHERE search_customers MATCH {q}))
               """;
    };

    /// <summary>The conversations the scope may find that pass the filters and <paramref name="condition"/>, newest first.</summary>
    /// <param name="candidates">
    /// SQLite: a subquery of candidate ids (<c>value</c>) the query starts from, row by row through the primary key
    /// (<c>CROSS JOIN</c> fixes that order: left to itself, the planner walks every conversation newest first instead).
    /// </param>
    private async Task<List<Found>> FindAsync(
        HistoryFilter filter, HistoryScope scope, Func<Func<object, string>, string>? condition, int limit, int offset, CancellationToken cancellationToken,
        Func<Func<object, string>, string>? candidates = null)
    {
        var parameters = new List<object>();
        string P(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1) + "}";
        }

        var sql = new StringBuilder("""
            SELECT c."Id", c."Queue", c."CustomerName", c."AgentUsername", c."StartedAt", c."EndedAt", c."State"
            FROM
            """);
        sql.Append(candidates is null ? " conversations AS c WHERE 1 = 1" : $" ({candidates(P)}) AS m CROSS JOIN conversations AS c WHERE c.\"Id\" = m.value");

        AppendScope(sql, scope, P);
        AppendFilters(sql, filter, P);
        if (condition is not null)
        {
            sql.Append("\nAND ").Append(condition(P));
        }

        // SQLite stores these times as UTC text of one shape, so their text order is their time order.
        sql.Append($"""

            ORDER BY c."StartedAt" DESC, c."Id" DESC LIMIT {P(limit)} OFFSET {P(offset)}
            """);
        return await context.Database.SqlQueryRaw<Found>(sql.ToString(), [.. parameters]).ToListAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="scope"/> may read this conversation (false too when there is none).</summary>
    public async Task<bool> IsVisibleAsync(Guid conversationId, HistoryScope scope, CancellationToken cancellationToken)
    {
        if (scope.All)
        {
            return await context.Conversations.AnyAsync(c => c.Id == conversationId, cancellationToken);
        }

        var (rows, _) = await SearchAsync(new HistoryFilter(ConversationId: conversationId, PageSize: 1), scope, cancellationToken);
        return rows.Count == 1;
    }

    private static void AppendScope(StringBuilder sql, HistoryScope scope, Func<object, string> p)
    {
        if (scope.All)
        {
            return;
        }

        var me = p(scope.Agent ?? "");
        sql.Append($"""

            AND (c."Id" IN (SELECT "ConversationId" FROM conversation_assignments WHERE "Agent" = {me})
              OR c."VisitorId" IN (SELECT "VisitorId" FROM conversations WHERE "State" = 'Assigned' AND "AgentUsername" = {me} AND "VisitorId" IS NOT NULL)
            """);
        if (scope.Queues.Count > 0)
        {
            sql.Append($"""
                 OR c."Queue" IN ({string.Join(", ", scope.Queues.Select(p))})
                """);
        }

        sql.Append(')');
    }

    private static void AppendFilters(StringBuilder sql, HistoryFilter filter, Func<object, string> p)
    {
        void And(string condition) => sql.Append('\n').Append("AND ").Append(condition);
        if (filter.ConversationId is { } id)
        {
            And($"""c."Id" = {p(id)}""");
        }

        if (filter.Queue is { } queue)
        {
            And($"""c."Queue" = {p(queue)}""");
        }

        if (filter.Agent is { } agent)
        {
            And($"""c."Id" IN (SELECT "ConversationId" FROM conversation_assignments WHERE "Agent" = {p(agent)})""");
        }

        if (filter.From is { } from)
        {
            And($"""c."StartedAt" >= {p(UtcMicrosecondTimestamps.Normalize(from))}""");
        }

        if (filter.To is { } to)
        {
            And($"""c."StartedAt" < {p(UtcMicrosecondTimestamps.Normalize(to))}""");
        }

        if (filter.State is { } state)
        {
            And($"""c."State" = {p(state.ToString())}""");
        }

        if (filter.Tag is { } tag)
        {
            And($"""c."Id" IN (SELECT "ConversationId" FROM conversation_tags WHERE "Tag" = {p(tag)})""");
        }

        if (filter.WrapUp is { } code)
        {
            And($"""c."Id" IN (SELECT "ConversationId" FROM conversation_wrap_ups WHERE "Code" = {p(code)})""");
        }

        if (filter.Rating is { } rating)
        {
            And($"""c."Id" IN (SELECT "ConversationId" FROM ratings WHERE "Rating" = {p(rating)})""");
        }
    }

    /// <summary>
    /// For each conversation a line to show: around a message the words match (on SQLite the one the search read, by its
    /// FTS5 row: filtering FTS5 by conversation would test every match of a common word), else its first customer
    /// message (the words matched the name or e-mail, or there were none). Plain text; whoever shows it encodes it.
    /// </summary>
    private async Task<Dictionary<Guid, string>> SnippetsAsync(
        List<Guid> ids, string? text, string? words, Dictionary<Guid, long> matchRows, CancellationToken cancellationToken)
    {
        var snippets = new Dictionary<Guid, string>();
        if (ids.Count == 0)
        {
            return snippets;
        }

        var known = ids.Where(matchRows.ContainsKey).ToList();
        if (words is not null && !Postgres && known.Count > 0)
        {
            var rowList = string.Join(", ", known.Select((_, i) => "{" + (i + 1) + "}"));
            var sql = $"""
                SELECT conversation_id AS "ConversationId", snippet(search_messages, 1, '', '', '…', 24) AS "Text"
                FROM search_messages WHERE search_messages MATCH {"{0}"} AND rowid IN ({rowList})
                """;
            var byRow = await context.Database.SqlQueryRaw<Snippet>(sql, [words, .. known.Select(id => (object)matchRows[id])]).ToListAsync(cancellationToken);
            foreach (var hit in byRow)
            {
                snippets.TryAdd(hit.ConversationId, Shorten(hit.Text));
            }
        }
        else if (words is not null)
        {
            // PostgreSQL: OFFSET 0 keeps the words out of the inner scan, which reads the page's messages by their key; with
            // them, the planner reads every match of the words through the GIN index instead.
            var idList = string.Join(", ", ids.Select((_, i) => "{" + (i + 1) + "}"));
            var sql = Postgres
                ? $"""
                   SELECT m."ConversationId", ts_headline('simple', m."Text", websearch_to_tsquery('simple', {"{0}"}), 'StartSel="",StopSel="",MaxWords=24,MinWords=12') AS "Text"
                   FROM (SELECT "ConversationId", "Text" FROM messages WHERE "ConversationId" IN ({idList}) AND "Sender" <> 'System' OFFSET 0) AS m
                   WHERE to_tsvector('simple', m."Text") @@ websearch_to_tsquery('simple', {"{0}"})
                   """
                : $"""
                   SELECT conversation_id AS "ConversationId", snippet(search_messages, 1, '', '', '…', 24) AS "Text"
                   FROM search_messages WHERE search_messages MATCH {"{0}"} AND conversation_id IN ({idList})
                   """;
            object[] parameters = [Postgres ? text! : words, .. ids.Cast<object>()];
            foreach (var hit in await context.Database.SqlQueryRaw<Snippet>(sql, parameters).ToListAsync(cancellationToken))
            {
                snippets.TryAdd(hit.ConversationId, Shorten(hit.Text));
            }
        }

        var rest = ids.Where(id => !snippets.ContainsKey(id)).ToList();
        var firsts = await context.Messages.AsNoTracking()
            .Where(m => rest.Contains(m.ConversationId) && m.Sender == MessageSender.Customer)
            .Select(m => new { m.ConversationId, m.Seq, m.Text })
            .ToListAsync(cancellationToken);
        foreach (var first in firsts.OrderBy(m => m.Seq))
        {
            snippets.TryAdd(first.ConversationId, Shorten(first.Text));
        }

        return snippets;
    }

    private static string Shorten(string text)
    {
        var line = WhiteSpace().Replace(text, " ").Trim();
        return line.Length <= SnippetLength ? line : line[..(SnippetLength - 1)] + "…";
    }

    /// <summary>
    /// The words as an FTS5 query: each word or "quoted phrase" a quoted FTS5 string (so nothing the customer typed is
    /// read as FTS5 syntax), all of them required. Null when nothing searchable is left.
    /// </summary>
    public static string? WordsOf(string text)
    {
        var parts = new List<string>();
        foreach (Match match in Words().Matches(text))
        {
            var word = (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value).Replace("\"", "", StringComparison.Ordinal);
            if (word.Any(char.IsLetterOrDigit))
            {
                parts.Add("\"" + word + "\"");
            }
        }

        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    [GeneratedRegex("\"([^\"]*)\"|([^\\s\"]+)")]
    private static partial Regex Words();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhiteSpace();

    private sealed record Found(Guid Id, string Queue, string CustomerName, string? AgentUsername, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string State);

    private sealed record Snippet(Guid ConversationId, string Text);

    private sealed record MatchRow(long Row, string ConversationId);

    /// <summary>Conversations with matching messages, and a time every conversation with only older matches started before.</summary>
    private sealed record MatchBatch(IReadOnlyList<Guid> Conversations, DateTimeOffset OlderStartedBefore);
}
