using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Persistence.PostgreSql.Usage;

/// <summary>The usage ledger's statements.</summary>
internal static class UsageSql
{
    public const string Copy = """
        COPY usage_ledger (occurred_at, request_id, tenant, provider, model, key_alias, account, status_code, outcome, streamed,
                           prompt_tokens, cached_tokens, completion_tokens, latency_ms, ttft_ms, cost_usd)
        FROM STDIN (FORMAT BINARY)
        """;

    // Hours and days are cut in UTC and named as UsageTotals.PeriodFormat names them, whatever the session's time zone.
    private const string Hour = """to_char(date_trunc('hour', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""";
    private const string Day = """to_char(date_trunc('day', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""";

    // $1 from (inclusive), $2 to (exclusive), $3 tenant or null, $4 model or null.
    private const string Aggregate = """
        SELECT ({0}) COLLATE "C" AS grp,
               count(*),
               count(*) FILTER (WHERE outcome <> 'ok'),
               coalesce(sum(prompt_tokens), 0)::bigint,
               coalesce(sum(cached_tokens), 0)::bigint,
               coalesce(sum(completion_tokens), 0)::bigint,
               coalesce(sum(cost_usd), 0)
        FROM usage_ledger
        WHERE occurred_at >= $1 AND occurred_at < $2
          AND ($3::text IS NULL OR tenant = $3)
          AND ($4::text IS NULL OR model = $4)
        GROUP BY 1
        ORDER BY 1
        """;

    private static readonly string ByTenant = Group("tenant");
    private static readonly string ByModel = Group("model");
    private static readonly string ByKey = Group($"coalesce(key_alias, '{UsageTotals.NoKey}')");
    private static readonly string ByHour = Group(Hour);
    private static readonly string ByDay = Group(Day);

    /// <summary>The aggregation for a grouping; the group expression is one of a fixed few, never caller text.</summary>
    public static string AggregateBy(UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.Tenant => ByTenant,
        UsageGrouping.Model => ByModel,
        UsageGrouping.Key => ByKey,
        UsageGrouping.Hour => ByHour,
        _ => ByDay,
    };

    private static string Group(string expression) => Aggregate.Replace("{0}", expression, StringComparison.Ordinal);
}
