using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>The slices' store in a silo: each account and model's <see cref="IModelQuotaGrain"/>, wherever in the cluster it lives.</summary>
internal sealed class GrainQuotaLeaseStore(IGrainFactory grains) : IQuotaLeaseStore
{
    public Task<QuotaLease> LeaseAsync(QuotaKey key, QuotaLimits limits, QuotaAsk ask, DateTimeOffset now, CancellationToken cancellationToken) =>
        Grain(key).LeaseAsync(limits, ask, now).AsTask();

    public Task<QuotaBucketState> ReturnAsync(QuotaKey key, QuotaLimits limits, QuotaReturn returned, DateTimeOffset now, CancellationToken cancellationToken) =>
        Grain(key).ReturnAsync(limits, returned, now).AsTask();

    public Task<QuotaBucketState> CalibrateAsync(QuotaKey key, QuotaLimits limits, QuotaCeilings ceilings, DateTimeOffset now, CancellationToken cancellationToken) =>
        Grain(key).CalibrateAsync(limits, ceilings, now).AsTask();

    public Task<QuotaBucketState> SetLimitsAsync(QuotaKey key, QuotaLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        Grain(key).SetLimitsAsync(limits, now).AsTask();

    public Task<QuotaBucketState?> ReadAsync(QuotaKey key, DateTimeOffset now, CancellationToken cancellationToken) =>
        Grain(key).ReadAsync(now).AsTask();

    private IModelQuotaGrain Grain(QuotaKey key) => grains.GetGrain<IModelQuotaGrain>(key.ToString());
}
