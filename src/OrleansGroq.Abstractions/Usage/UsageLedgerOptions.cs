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

    /// <summary>
    /// How long the writer lets rows gather before it writes a batch short of <see cref="BatchSize"/>: how late a row
    /// may reach <c>GET /admin/usage</c>, against one statement per request or two when rows are written as they come.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Without PostgreSQL, the rows kept in memory for <c>GET /admin/usage</c>; the oldest go first.</summary>
    public int InMemoryCapacity { get; set; } = 100_000;
}
