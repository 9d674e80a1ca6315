namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>Version 3: the cluster-wide quota buckets nodes lease slices from (ARCHITECTURE.md §4).</summary>
internal static class M0003QuotaBuckets
{
    // One row per (account, model) holds all four buckets, so that a lease of requests and tokens is one row lock and
    // one write. A capacity of 0 means unlimited. Levels are double precision: buckets refill continuously, and with
    // limits capped at 10^15 every whole unit is exact. `version` lets a statement that saw no row refuse to overwrite
    // one another node created meanwhile (Quota/QuotaSql). Every lease rewrites its row; the free space fillfactor 50
    // leaves on each page keeps those updates HOT, with no index change and little bloat.
    private const string Sql = """
        CREATE TABLE quota_buckets (
            account text COLLATE "C" NOT NULL,
            model text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            refilled_at timestamptz NOT NULL,
            rpm_capacity bigint NOT NULL CHECK (rpm_capacity >= 0),
            rpm_available double precision NOT NULL,
            rpd_capacity bigint NOT NULL CHECK (rpd_capacity >= 0),
            rpd_available double precision NOT NULL,
            tpm_capacity bigint NOT NULL CHECK (tpm_capacity >= 0),
            tpm_available double precision NOT NULL,
            tpd_capacity bigint NOT NULL CHECK (tpd_capacity >= 0),
            tpd_available double precision NOT NULL,
            PRIMARY KEY (account, model)
        ) WITH (fillfactor = 50);
        """;

    public static Migration Migration { get; } = new(3, "quota buckets per account and model, leased in slices by the nodes", Sql);
}
