namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>Version 8: the usage ledger, one row per upstream attempt, written in batches off the request path.</summary>
internal static class M0008UsageLedger
{
    // Append-only and only ever read by aggregation over a time span, so no primary key: nothing looks a row up, and
    // each index is a write on every row. Rows arrive in about the order of occurred_at, so a BRIN index (a few pages
    // for millions of rows) finds a span; a tenant's own report uses the B-tree. Text is compared byte-wise (COLLATE
    // "C") so that groups come back in the same order as the in-memory ledger's ordinal order. Cost is exact decimal:
    // one attempt of a small model costs millionths of a dollar, and sums of floats would drift.
    private const string Sql = """
        CREATE TABLE usage_ledger (
            occurred_at timestamptz NOT NULL,
            request_id text NOT NULL,
            tenant text COLLATE "C" NOT NULL,
            provider text NOT NULL,
            model text COLLATE "C" NOT NULL,
            key_alias text COLLATE "C" NULL,
            account text NULL,
            status_code integer NULL,
            outcome text NOT NULL,
            streamed boolean NOT NULL,
            prompt_tokens bigint NOT NULL,
            cached_tokens bigint NOT NULL,
            completion_tokens bigint NOT NULL,
            latency_ms double precision NOT NULL,
            ttft_ms double precision NULL,
            cost_usd numeric(20, 12) NOT NULL
        );

        CREATE INDEX usage_ledger_occurred ON usage_ledger USING brin (occurred_at);
        CREATE INDEX usage_ledger_tenant ON usage_ledger (tenant, occurred_at);
        """;

    public static Migration Migration { get; } = new(8, "usage ledger, one row per upstream attempt", Sql);
}
