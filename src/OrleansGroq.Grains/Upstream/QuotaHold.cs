using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// A granted reservation travelling with its response: settled with Groq's usage once the answer is known
/// (for a stream, after it has been relayed), or released when no answer came.
/// </summary>
public sealed class QuotaHold(IModelQuota quota, long reservedTokens)
{
    private int _finished;

    public ValueTask SettleAsync(UsageCounts? usage) =>
        Interlocked.Exchange(ref _finished, 1) == 0
            ? usage is { } counted ? quota.SettleAsync(reservedTokens, counted.CountedTokens) : quota.SettleAsync(reservedTokens, reservedTokens)
            : ValueTask.CompletedTask;

    public ValueTask ReleaseAsync() =>
        Interlocked.Exchange(ref _finished, 1) == 0 ? quota.ReleaseAsync(reservedTokens) : ValueTask.CompletedTask;
}
