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

}
