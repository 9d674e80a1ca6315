namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>
/// Version 6: key cooldowns and the shared quota buckets are grain state now, kept in Orleans' storage table by the
/// <c>ApiKeyGrain</c>s and <c>ModelQuotaGrain</c>s, so the tables the nodes used to coordinate through go.
/// </summary>
internal static class M0006GrainOwnedState
{
    private const string Sql = """
        DROP TABLE api_key_state;
        DROP TABLE quota_buckets;
        """;

    public static Migration Migration { get; } = new(6, "key cooldowns and quota buckets move to grain state", Sql);
}
