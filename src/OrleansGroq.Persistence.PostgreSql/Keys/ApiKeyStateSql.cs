namespace OrleansGroq.Persistence.PostgreSql.Keys;

/// <summary>The statements that share key state between nodes (<c>api_key_state</c>, migration 2).</summary>
internal static class ApiKeyStateSql
{
    public const string Channel = "orleansgroq_api_key_state";

    // Shows in pg_stat_activity, so an operator can tell the listening connection from the pool's.
    public const string ApplicationName = "orleansgroq-key-state-listener";

    // One row as the JSON both the notification and the start-up read carry, so the two paths parse alike. The
    // deadline travels as microseconds since the epoch (timestamptz's own precision), which no session time zone or
    // date style can change.
    private const string Payload = """
        json_build_object(
            'alias', alias,
            'cooling_until_us', (extract(epoch FROM cooling_until) * 1000000)::bigint,
            'reason', reason,
            'cooling_model', cooling_model,
            'disabled', disabled)::text
        """;

    // Upsert with max-deadline semantics and notify, in one statement: a shorter cooldown never shortens a longer
    // one, the reason follows the later deadline, and a disabled key stays disabled. The notification carries the
    // merged row, so every node applies what the store holds, not what one node proposed; PostgreSQL sends it when
    // the statement commits. A cooldown for another model than a running one's widens it to every model (NULL), as the
    // grains merge it. $1 alias, $2 cooling until, $3 reason, $4 disabled, $5 cooling model.
    public const string Publish = $"""
        WITH merged AS (
            INSERT INTO api_key_state AS s (alias, cooling_until, reason, disabled, cooling_model, updated_at)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (alias) DO UPDATE SET
                cooling_until = GREATEST(s.cooling_until, EXCLUDED.cooling_until),
                reason = CASE
                    WHEN s.cooling_until IS NULL OR EXCLUDED.cooling_until > s.cooling_until THEN EXCLUDED.reason
                    ELSE s.reason
                END,
                cooling_model = CASE
                    WHEN EXCLUDED.cooling_until IS NULL THEN s.cooling_model
                    WHEN s.cooling_until IS NULL OR s.cooling_until <= now() THEN EXCLUDED.cooling_model
                    WHEN s.cooling_model = EXCLUDED.cooling_model THEN s.cooling_model
                    ELSE NULL
                END,
                disabled = s.disabled OR EXCLUDED.disabled,
                updated_at = EXCLUDED.updated_at
            RETURNING alias, cooling_until, reason, cooling_model, disabled)
        SELECT pg_notify('{Channel}', {Payload}) FROM merged
        """;

    public const string Listen = $"LISTEN {Channel}";

    public const string SetApplicationName = $"SET application_name = '{ApplicationName}'";

    // $1 the aliases this node knows; rows of other keys are no concern of its.
    public const string Load = $"SELECT {Payload} FROM api_key_state WHERE alias = ANY($1)";
}
