using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

/// <summary>
/// The shared buckets in memory, on the same arithmetic (<see cref="QuotaBucketSet"/>) as the quota grain that holds them
/// in a cluster; the lock is held for arithmetic only.
/// </summary>
internal sealed class InMemoryQuotaLeaseStore : IQuotaLeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<QuotaKey, QuotaBucketSet> _buckets = [];

    public Task<QuotaLease> LeaseAsync(QuotaKey key, QuotaLimits limits, QuotaAsk ask, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        lock (_gate)
        {
            var buckets = Current(key, limits, now);
            if (ask.Ceilings is { } ceilings)
            {
                buckets.Lower(ceilings);
            }

            var (requests, tokens) = buckets.Lease(ask.Requests, ask.Tokens, ask.Reserve);
            return Task.FromResult(new QuotaLease(requests, tokens, buckets.State));
        }
    }

    public Task<QuotaBucketState> ReturnAsync(QuotaKey key, QuotaLimits limits, QuotaReturn returned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(returned);
        return Change(key, limits, now, buckets =>
        {
            if (returned.Ceilings is { } ceilings)
            {
                buckets.Lower(ceilings);
            }

            buckets.Add(returned.Requests, returned.Tokens);
        });
    }

    public Task<QuotaBucketState> CalibrateAsync(QuotaKey key, QuotaLimits limits, QuotaCeilings ceilings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        return Change(key, limits, now, buckets => buckets.Lower(ceilings));
    }

    public Task<QuotaBucketState> SetLimitsAsync(QuotaKey key, QuotaLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        Change(key, limits, now, buckets => buckets.Resize(limits, now));

    public Task<QuotaBucketState?> ReadAsync(QuotaKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_buckets.TryGetValue(key, out var buckets))
            {
                return Task.FromResult<QuotaBucketState?>(null);
            }

            // A read leaves the stored buckets as they are: refill a copy.
            var copy = QuotaBucketSet.From(buckets.State, buckets.RefilledAt);
            copy.Refill(now);
            return Task.FromResult<QuotaBucketState?>(copy.State);
        }
    }

    private Task<QuotaBucketState> Change(QuotaKey key, QuotaLimits limits, DateTimeOffset now, Action<QuotaBucketSet> change)
    {
        lock (_gate)
        {
            var buckets = Current(key, limits, now);
            change(buckets);
            return Task.FromResult(buckets.State);
        }
    }

    private QuotaBucketSet Current(QuotaKey key, QuotaLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!_buckets.TryGetValue(key, out var buckets))
        {
            buckets = QuotaBucketSet.Full(limits, now);
            _buckets.Add(key, buckets);
        }

        buckets.Refill(now);
        return buckets;
    }
}
