namespace OrleansGroq.Abstractions.Usage;

/// <summary>What <c>GET /admin/usage</c> sums the ledger by.</summary>
public enum UsageGrouping
{
    Tenant,
    Model,

    /// <summary>By key alias; attempts made with no key form the group <see cref="UsageTotals.NoKey"/>.</summary>
    Key,

    /// <summary>By UTC hour, named by its start (<c>2026-12-02T07:00:00Z</c>).</summary>
    Hour,

    /// <summary>By UTC day, named by its start (<c>2026-12-02T00:00:00Z</c>).</summary>
    Day,
}
