namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>Version 2: the state of each upstream key that every node must agree on (ARCHITECTURE.md §1).</summary>
internal static class M0002ApiKeyState
{
    // One row per key alias, holding only what other nodes act on: the cooldown and why, and the 401 flag. The
    // last rate-limit headers change on every response and stay on the node that saw them. Rows are only ever
    // merged with max-deadline semantics (Keys/ApiKeyStateSql.Publish), never deleted.
    private const string Sql = """
        CREATE TABLE api_key_state (
            alias text COLLATE "C" PRIMARY KEY,
            cooling_until timestamptz NULL,
            reason text NULL,
            disabled boolean NOT NULL DEFAULT false,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public static Migration Migration { get; } = new(2, "api key cooldowns and disabled keys shared by the nodes", Sql);
}
