namespace OrleansGroq.Persistence.PostgreSql.Conversations;

/// <summary>
/// The conversation store's statements. Each write is one statement, hence atomic without an explicit transaction
/// and one round trip; parameters are positional and listed above each statement.
/// </summary>
internal static class ConversationSql
{
    public const string HeaderColumns = "id, tenant, model, key_alias, metadata, created_at, version, message_count, key_rotations, cached_tokens";

    // unnest over parallel arrays inserts every message row in the same statement as the header change.
    private const string MessageRows =
        "FROM header CROSS JOIN unnest($4::integer[], $5::text[], $6::text[], $7::integer[], $8::timestamptz[]) AS m (seq, role, message, tokens, created_at)";

    private const string CreateMessages = $"""
        INSERT INTO conversation_messages (conversation_id, seq, role, message, tokens, created_at)
        SELECT header.id, m.seq, m.role, m.message::json, m.tokens, m.created_at
        {MessageRows}
        """;

    // The key, if any, goes on the row whose sequence $3 names.
    private const string AppendMessages = $"""
        INSERT INTO conversation_messages (conversation_id, seq, role, message, tokens, created_at, idempotency_key, request_fingerprint)
        SELECT header.id, m.seq, m.role, m.message::json, m.tokens, m.created_at,
               CASE WHEN m.seq = $3 THEN $12 END, CASE WHEN m.seq = $3 THEN $13 END
        {MessageRows}
        """;

    // $1 id, $2 tenant, $3 model, $4..$8 messages (seq, role, json, tokens, created_at), $9 key_alias, $10 metadata,
    // $11 created_at, $12 key_rotations, $13 cached_tokens.
    public const string Create = $"""
        WITH header AS (
            INSERT INTO conversations (id, tenant, model, key_alias, metadata, created_at, version, message_count, key_rotations, cached_tokens)
            VALUES ($1, $2, $3, $9, $10::json, $11, 0, cardinality($4::integer[]), $12, $13)
            RETURNING id)
        {CreateMessages}
        """;

    // A turn's only statement. The rows affected are the messages inserted, so zero means the guarded header update
    // matched nothing; a taken key fails the unique index conversation_messages_idempotency.
    // $1 id, $2 expected version, $3 sequence of the keyed message (or null), $4..$8 messages, $9 key_alias,
    // $10 key rotations to add, $11 cached tokens to add, $12 idempotency key, $13 request fingerprint.
    public const string Append = $"""
        WITH header AS (
            UPDATE conversations
            SET version = version + 1,
                message_count = message_count + cardinality($4::integer[]),
                key_alias = $9,
                key_rotations = key_rotations + $10,
                cached_tokens = cached_tokens + $11
            WHERE id = $1 AND deleted_at IS NULL AND version = $2 AND message_count = ($4::integer[])[1] - 1
            RETURNING id)
        {AppendMessages}
        """;

    // $1 id. Read only after a refused append, to say why.
    public const string AppendState = "SELECT version, message_count FROM conversations WHERE id = $1 AND deleted_at IS NULL";

    // $1 id, $2 tenant, $3 deleted at.
    public const string Delete = """
        UPDATE conversations SET deleted_at = $3
        WHERE id = $1 AND tenant = $2 AND deleted_at IS NULL
        """;

    // $1 id. Sent in one batch with LoadMessages.
    public const string LoadHeader = $"SELECT {HeaderColumns} FROM conversations WHERE id = $1 AND deleted_at IS NULL";

    // $1 id.
    public const string LoadMessages = """
        SELECT seq, role, message, tokens, created_at, idempotency_key, request_fingerprint
        FROM conversation_messages WHERE conversation_id = $1 ORDER BY seq
        """;

    // $1 tenant, $2 after (exclusive; '' sorts first under COLLATE "C"), $3 limit.
    public const string List = $"""
        SELECT {HeaderColumns} FROM conversations
        WHERE tenant = $1 AND deleted_at IS NULL AND id > $2
        ORDER BY id
        LIMIT $3
        """;
}
