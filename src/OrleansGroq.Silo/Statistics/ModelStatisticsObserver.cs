using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Grains.Statistics;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Statistics;

/// <summary>Counts each upstream attempt in the live statistics of the model it asked for.</summary>
internal sealed class ModelStatisticsObserver(ModelStatistics statistics) : IUpstreamAttemptObserver
{
    public void OnAttempt(UpstreamAttemptRecord attempt) =>
        statistics.Record(new AttemptSample(
            attempt.RequestModel,
            string.Equals(attempt.Outcome, UsageEntry.Succeeded, StringComparison.Ordinal),
            attempt.Duration,
            attempt.TimeToFirstToken,
            attempt.Usage?.CompletionTokens));
}
