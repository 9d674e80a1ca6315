namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>The cluster's schema, as the ordered list of changes that build it.</summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "conversations and their messages", Conversations),
        M0002ApiKeyState.Migration,
        M0003QuotaBuckets.Migration,
        M0004CoolingModel.Migration,
        M0005OrleansTables.Migration,
        M0006GrainOwnedState.Migration,
        M0007ConversationGrainAuthority.Migration,
        M0008UsageLedger.Migration,
        M0009BatchFiles.Migration,
        M0010OrleansReminders.Migration,
    ];

    // Ids are compared byte-wise (COLLATE "C") so that keyset pages follow the same order on every server,
    // whatever its locale, and as the in-memory store's ordinal order.
    // Messages and metadata are `json`, not `jsonb`: `json` validates the text and keeps it exactly as sent
    // (key order, whitespace, duplicate keys, \u0000 escapes, which jsonb rejects), and the gateway only
    // stores and replays that text; it never queries inside it.
    // The header row is updated on every turn without touching its indexed columns, so free space on each
    // page (fillfactor 80) lets those updates stay HOT and skip index maintenance.
    private const string Conversations = """
        CREATE TABLE conversations (
            id text COLLATE "C" PRIMARY KEY,
            tenant text NOT NULL,
            model text NOT NULL,
            key_alias text NULL,
            metadata json NULL,
            created_at timestamptz NOT NULL,
            version bigint NOT NULL,
            message_count integer NOT NULL,
            key_rotations integer NOT NULL,
            cached_tokens bigint NOT NULL,
            deleted_at timestamptz NULL,
            turn_owner text NULL,
            turn_lease_until timestamptz NULL,
            CONSTRAINT conversations_lease_whole CHECK ((turn_owner IS NULL) = (turn_lease_until IS NULL))
        ) WITH (fillfactor = 80);

        CREATE INDEX conversations_tenant_live ON conversations (tenant, id) WHERE deleted_at IS NULL;

        CREATE TABLE conversation_messages (
            conversation_id text COLLATE "C" NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            seq integer NOT NULL,
            role text NOT NULL,
            message json NOT NULL,
            tokens integer NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        );
        """;
}
