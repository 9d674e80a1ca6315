namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>
/// Version 7: a conversation's grain orders its turns, so the turn lease the nodes claimed in the header row goes;
/// a turn's <c>Idempotency-Key</c> and the fingerprint of its request are kept on the turn's reply, written by the
/// turn's one statement, at most once per conversation.
/// </summary>
internal static class M0007ConversationGrainAuthority
{
    private const string Sql = """
        ALTER TABLE conversations
            DROP CONSTRAINT conversations_lease_whole,
            DROP COLUMN turn_owner,
            DROP COLUMN turn_lease_until;

        ALTER TABLE conversation_messages
            ADD COLUMN idempotency_key text COLLATE "C" NULL,
            ADD COLUMN request_fingerprint text NULL,
            ADD CONSTRAINT conversation_messages_key_whole CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL));

        CREATE UNIQUE INDEX conversation_messages_idempotency
            ON conversation_messages (conversation_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
        """;

    public static Migration Migration { get; } = new(7, "conversation turns ordered by their grain, with idempotency keys", Sql);
}
