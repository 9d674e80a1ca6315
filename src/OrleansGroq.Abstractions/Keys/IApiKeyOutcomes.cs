using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Abstractions.Keys;

/// <summary>Where the answers of upstream attempts go, so that keys learn from them.</summary>
public interface IApiKeyOutcomes
{
    /// <summary>
    /// Records an attempt's answer for <paramref name="key"/>: its rate-limit headers on this silo's board, and, when
    /// the answer cools down or disables the key beyond what the board already shows, in the key's grain, which tells
    /// every silo. Most answers change nothing and cost no grain call.
    /// </summary>
    /// <returns>The key's status afterwards.</returns>
    ValueTask<ApiKeyStatus> ReportAsync(ApiKeyInfo key, UpstreamOutcome outcome);
}
