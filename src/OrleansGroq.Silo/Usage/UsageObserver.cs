using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Grains.Usage;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Usage;

/// <summary>Turns each upstream attempt into a usage row, priced from the catalog, and queues it for the ledger.</summary>
internal sealed class UsageObserver(UsageLedgerWriter writer, UsageCosts costs) : IUpstreamAttemptObserver
{
    public void OnAttempt(UpstreamAttemptRecord attempt)
    {
        var usage = attempt.Usage ?? default;
        writer.Enqueue(new UsageEntry(
            attempt.StartedAt,
            attempt.RequestId,
            attempt.Tenant,
            attempt.Provider,
            attempt.RequestModel,
            attempt.KeyAlias,
            attempt.Account,
            attempt.StatusCode,
            attempt.Outcome,
            attempt.Streamed,
            usage.PromptTokens,
            usage.CachedTokens,
            usage.CompletionTokens,
            attempt.Duration.TotalMilliseconds,
            attempt.TimeToFirstToken?.TotalMilliseconds,
            costs.Cost(attempt.RequestModel, usage.PromptTokens, usage.CachedTokens, usage.CompletionTokens)));
    }
}
