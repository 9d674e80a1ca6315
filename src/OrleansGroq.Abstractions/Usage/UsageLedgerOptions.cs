namespace OrleansGroq.Abstractions.Usage;

/// <summary>How the usage ledger is written, bound from <c>Usage</c>.</summary>
public sealed class UsageLedgerOptions
{
    public const string SectionName = "Usage";

    /// <summary>
    /// Rows waiting for the store before new ones are dropped (and counted): what a slow or unreachable database may
    /// hold in this process's memory, about 200 bytes each.
    /// </summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Most rows written by one statement.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Without PostgreSQL, the rows kept in memory for <c>GET /admin/usage</c>; the oldest go first.</summary>
    public int InMemoryCapacity { get; set; } = 100_000;
}
