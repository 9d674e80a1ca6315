namespace OrleansGroq.Persistence.PostgreSql.Quota;

/// <summary>
/// The quota store's statements. Each write is one statement and one round trip: it locks the row (FOR UPDATE returns
/// the newest version, whoever wrote it), refills every bucket by the time elapsed, applies the ceilings, makes its
/// change and upserts the result. A missing row is a full bucket set with the given limits, so the first use creates
/// it; the upsert only overwrites the version it read, so when two nodes create the same row at once, the one that
/// loses returns no row and the store runs the statement again.
/// </summary>
/// <remarks>
/// Parameters of every write: $1 account, $2 model, $3..$6 limits (RPM, RPD, TPM, TPD; those of a row created now,
/// and the new limits of <see cref="SetLimits"/>), $7 now, $8..$11 ceilings (null for none). Lease adds $12 requests,
/// $13 tokens, $14 reserve; return adds $12 requests, $13 tokens. Every write returns the columns read by
/// <c>PostgresQuotaLeaseStore</c>: granted requests and tokens, the four capacities, the four levels.
/// </remarks>
internal static class QuotaSql
{
    private static readonly Bucket[] Buckets =
    [
        new("rpm", WindowSeconds: 60, Limit: "$3", Ceiling: "$8"),
        new("rpd", WindowSeconds: 86_400, Limit: "$4", Ceiling: "$9"),
        new("tpm", WindowSeconds: 60, Limit: "$5", Ceiling: "$10"),
        new("tpd", WindowSeconds: 86_400, Limit: "$6", Ceiling: "$11"),
    ];

    // Requests come out of both request buckets, tokens out of both token buckets.
    public static readonly string Lease = Write($"""
        granted AS (
            SELECT lvl.*,
                greatest(0, least($12::bigint, {Room("rpm")}, {Room("rpd")}))::bigint AS granted_requests,
                greatest(0, least($13::bigint, {Room("tpm")}, {Room("tpd")}))::bigint AS granted_tokens
            FROM lvl),
        new AS MATERIALIZED (
            SELECT version + 1 AS version, refilled_at, granted_requests, granted_tokens,
                {Lines(b => $"{b.Name}_capacity, CASE WHEN {b.Name}_capacity > 0 THEN {b.Name} - granted_{Dimension(b)} ELSE 0 END AS {b.Name}")}
            FROM granted)
        """);

    public static readonly string Return = Write($"""
        new AS MATERIALIZED (
            SELECT version + 1 AS version, refilled_at, 0::bigint AS granted_requests, 0::bigint AS granted_tokens,
                {Lines(b => $"{b.Name}_capacity, CASE WHEN {b.Name}_capacity > 0 THEN least({b.Name}_capacity, {b.Name} + {(Dimension(b) == "requests" ? "$12" : "$13")}) ELSE 0 END AS {b.Name}")}
            FROM lvl)
        """);

    public static readonly string Calibrate = Write($"""
        new AS MATERIALIZED (
            SELECT version + 1 AS version, refilled_at, 0::bigint AS granted_requests, 0::bigint AS granted_tokens,
                {Each(b => $"{b.Name}_capacity, {b.Name}")}
            FROM lvl)
        """);

    // A bucket that shrinks keeps at most its new capacity; one that grows fills by refill; one that was unlimited has
    // no usage on record and starts full.
    public static readonly string SetLimits = Write($"""
        new AS MATERIALIZED (
            SELECT version + 1 AS version, refilled_at, 0::bigint AS granted_requests, 0::bigint AS granted_tokens,
                {Lines(b => $"{b.Limit}::bigint AS {b.Name}_capacity, CASE WHEN {b.Limit} = 0 THEN 0 WHEN {b.Name}_capacity = 0 THEN {b.Limit}::float8 ELSE least({b.Name}, {b.Limit}) END AS {b.Name}")}
            FROM lvl)
        """);

    // $1 account, $2 model, $3 now. No lock, no write: the levels are refilled in the answer only.
    public static readonly string Read = $"""
        SELECT {Each(b => $"{b.Name}_capacity")},
            {Lines(b => $"CASE WHEN {b.Name}_capacity = 0 THEN 0 ELSE least({b.Name}_capacity, {b.Name}_available + ({b.Name}_capacity * elapsed / {b.WindowSeconds})) END", 4)}
        FROM quota_buckets CROSS JOIN LATERAL (SELECT greatest(0, extract(epoch FROM $3 - refilled_at)::float8) AS elapsed) e
        WHERE account = $1 AND model = $2
        """;

    // A time before the row's last refill refills nothing and leaves refilled_at where it is (GREATEST and LEAST
    // ignore NULLs, which is also what turns a missing row into a full bucket).
    private static string Write(string change) => $"""
        WITH cur AS (
            SELECT * FROM quota_buckets WHERE account = $1 AND model = $2 FOR UPDATE),
        old AS (
            SELECT coalesce(c.version, 0) AS version,
                greatest(c.refilled_at, $7) AS refilled_at,
                greatest(0, extract(epoch FROM $7 - c.refilled_at)::float8) AS elapsed,
                {Lines(b => $"coalesce(c.{b.Name}_capacity, {b.Limit}) AS {b.Name}_capacity, c.{b.Name}_available")}
            FROM (VALUES (0)) AS one (x) LEFT JOIN cur c ON true),
        lvl AS (
            SELECT version, refilled_at,
                {Lines(b => $"{b.Name}_capacity, CASE WHEN {b.Name}_capacity = 0 THEN 0 ELSE least({b.Name}_capacity, {b.Name}_available + ({b.Name}_capacity * elapsed / {b.WindowSeconds}), {b.Ceiling}::float8) END AS {b.Name}")}
            FROM old),
        {change},
        written AS (
            INSERT INTO quota_buckets AS b (account, model, version, refilled_at, {Each(b => $"{b.Name}_capacity, {b.Name}_available")})
            SELECT $1, $2, version, refilled_at, {Each(b => $"{b.Name}_capacity, {b.Name}")} FROM new
            ON CONFLICT (account, model) DO UPDATE SET
                version = EXCLUDED.version, refilled_at = EXCLUDED.refilled_at,
                {Lines(b => $"{b.Name}_capacity = EXCLUDED.{b.Name}_capacity, {b.Name}_available = EXCLUDED.{b.Name}_available")}
            WHERE b.version = EXCLUDED.version - 1
            RETURNING b.version)
        SELECT granted_requests, granted_tokens, {Each(b => $"{b.Name}_capacity")}, {Each(b => b.Name)}
        FROM new, written
        """;

    private static string Room(string bucket) => $"CASE WHEN {bucket}_capacity > 0 THEN floor({bucket} - ($14 * {bucket}_capacity)) END";

    private static string Dimension(Bucket bucket) => bucket.Name[0] == 'r' ? "requests" : "tokens";

    private static string Each(Func<Bucket, string> column) => string.Join(", ", Buckets.Select(column));

    // One bucket per line, at the indentation the statements use for column lists.
    private static string Lines(Func<Bucket, string> column, int indent = 8) => string.Join(",\n" + new string(' ', indent), Buckets.Select(column));

    private sealed record Bucket(string Name, int WindowSeconds, string Limit, string Ceiling);
}
