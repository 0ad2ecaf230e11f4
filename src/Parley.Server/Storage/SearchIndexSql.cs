namespace Parley.Server.Storage;

/// <summary>
/// The full-text indexes of the history search, created by the migrations' SQL (EF Core's model has no word for them).
/// Customer and agent messages are indexed; system lines ("joined the chat") and internal notes are not.
/// <para>
/// SQLite: FTS5 tables kept in step by triggers, in the very transaction that stores a message or a conversation (a
/// message is searchable as soon as it is committed). They hold their own copy of the text: an external-content table
/// would be keyed by the messages' implicit rowid, which a VACUUM may renumber. PostgreSQL: GIN indexes over
/// <c>to_tsvector('simple', …)</c> expressions, which the query repeats word for word; 'simple' because a contact
/// center's customers write in any language (no stemming, no stop words).
/// </para>
/// </summary>
public static class SearchIndexSql
{
    public const string SqliteUp = """
        CREATE VIRTUAL TABLE search_messages USING fts5(conversation_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE search_customers USING fts5(conversation_id UNINDEXED, name, email, tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO search_messages (conversation_id, text) SELECT "ConversationId", "Text" FROM messages WHERE "Sender" <> 'System';
        INSERT INTO search_customers (conversation_id, name, email) SELECT "Id", "CustomerName", coalesce("CustomerEmail", '') FROM conversations;
        CREATE TRIGGER search_messages_insert AFTER INSERT ON messages WHEN new."Sender" <> 'System' BEGIN
            INSERT INTO search_messages (conversation_id, text) VALUES (new."ConversationId", new."Text");
        END;
        CREATE TRIGGER search_customers_insert AFTER INSERT ON conversations BEGIN
            INSERT INTO search_customers (conversation_id, name, email) VALUES (new."Id", new."CustomerName", coalesce(new."CustomerEmail", ''));
        END;
        CREATE TRIGGER search_customers_update AFTER UPDATE OF "CustomerName", "CustomerEmail" ON conversations
            WHEN old."CustomerName" IS NOT new."CustomerName" OR old."CustomerEmail" IS NOT new."CustomerEmail" BEGIN
            DELETE FROM search_customers WHERE conversation_id = old."Id";
            INSERT INTO search_customers (conversation_id, name, email) VALUES (new."Id", new."CustomerName", coalesce(new."CustomerEmail", ''));
        END;
        CREATE TRIGGER search_conversations_delete AFTER DELETE ON conversations BEGIN
            DELETE FROM search_customers WHERE conversation_id = old."Id";
            DELETE FROM search_messages WHERE conversation_id = old."Id";
        END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER search_conversations_delete;
        DROP TRIGGER search_customers_update;
        DROP TRIGGER search_customers_insert;
        DROP TRIGGER search_messages_insert;
        DROP TABLE search_customers;
        DROP TABLE search_messages;
        """;

    /// <summary>The indexed expressions; <see cref="ConversationHistoryQueries"/> repeats them so the planner uses the indexes.</summary>
    public const string PostgresMessageVector = """to_tsvector('simple', "Text")""";

    public const string PostgresCustomerVector = """to_tsvector('simple', "CustomerName" || ' ' || coalesce("CustomerEmail", ''))""";

    public const string PostgresUp = $"""
        CREATE INDEX "IX_messages_search" ON messages USING GIN ({PostgresMessageVector}) WHERE "Sender" <> 'System';
        CREATE INDEX "IX_conversations_search" ON conversations USING GIN ({PostgresCustomerVector});
        """;

    public const string PostgresDown = """
        DROP INDEX "IX_conversations_search";
        DROP INDEX "IX_messages_search";
        """;

    /// <summary>
    /// The history's word search reads the matching messages in windows of send time, newest first, and stops when the
    /// page is full (<see cref="ConversationHistoryQueries"/>): this index, combined with the GIN index, keeps a window
    /// from visiting the older matches. Only on PostgreSQL (SQLite's FTS5 rows are read newest first by their rowid).
    /// </summary>
    public const string PostgresSentTimeUp = """
        CREATE INDEX "IX_messages_search_sent" ON messages ("SentAt") WHERE "Sender" <> 'System';
        """;

    public const string PostgresSentTimeDown = """
        DROP INDEX "IX_messages_search_sent";
        """;

    /// <summary>
    /// Supervisors from before team scoping saw every queue: on upgrade each one with no supervised queues keeps seeing
    /// every queue there is then (an admin narrows it on the Agents page). JSON lists, as the model stores them.
    /// </summary>
    public const string SqliteSupervisorsBackfill = """
        UPDATE agents SET "SupervisedQueues" = (SELECT coalesce(json_group_array("Name"), '[]') FROM (SELECT "Name" FROM queues ORDER BY "Name"))
        WHERE "SupervisedQueues" = '[]' AND EXISTS (SELECT 1 FROM json_each(agents."Roles") WHERE value = 'supervisor');
        """;

    public const string PostgresSupervisorsBackfill = """
        UPDATE agents SET "SupervisedQueues" = (SELECT coalesce(json_agg("Name" ORDER BY "Name")::text, '[]') FROM queues)
        WHERE "SupervisedQueues" = '[]' AND "Roles"::jsonb ? 'supervisor';
        """;

    /// <summary>Conversations stored before assignments were recorded keep their last agent as "was assigned".</summary>
    public const string AssignmentBackfill = """
        INSERT INTO conversation_assignments ("ConversationId", "Agent", "FromAgent", "Kind", "AssignedAt")
        SELECT "Id", "AgentUsername", NULL, 'earlier', coalesce("AssignedAt", "StartedAt") FROM conversations WHERE "AgentUsername" IS NOT NULL;
        """;
}
