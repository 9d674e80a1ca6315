using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Tests.Quota;

/// <summary>The in-memory store, recording every call, and failing every call while <see cref="Failing"/> is set.</summary>
internal sealed class RecordingQuotaLeaseStore : IQuotaLeaseStore
{
    private readonly InMemoryQuotaLeaseStore _inner = new();

    public bool Failing { get; set; }

    public List<(string Operation, object? Argument, QuotaBucketState? Before)> Calls { get; } = [];

    public IEnumerable<QuotaAsk> Asks => Calls.Where(c => c.Operation == "lease").Select(c => (QuotaAsk)c.Argument!);

    public int Count(string operation) => Calls.Count(c => c.Operation == operation);

    public async Task<QuotaLease> LeaseAsync(QuotaKey key, QuotaLimits limits, QuotaAsk ask, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RecordAsync("lease", ask, key, now);
        return await _inner.LeaseAsync(key, limits, ask, now, cancellationToken);
    }

    public async Task<QuotaBucketState> ReturnAsync(QuotaKey key, QuotaLimits limits, QuotaReturn returned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RecordAsync("return", returned, key, now);
        return await _inner.ReturnAsync(key, limits, returned, now, cancellationToken);
    }

    public async Task<QuotaBucketState> CalibrateAsync(QuotaKey key, QuotaLimits limits, QuotaCeilings ceilings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RecordAsync("calibrate", ceilings, key, now);
        return await _inner.CalibrateAsync(key, limits, ceilings, now, cancellationToken);
    }

    public async Task<QuotaBucketState> SetLimitsAsync(QuotaKey key, QuotaLimits limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RecordAsync("limits", limits, key, now);
        return await _inner.SetLimitsAsync(key, limits, now, cancellationToken);
    }

    public Task<QuotaBucketState?> ReadAsync(QuotaKey key, DateTimeOffset now, CancellationToken cancellationToken) =>
        _inner.ReadAsync(key, now, cancellationToken);

    /// <summary>Takes from the shared buckets as another node would.</summary>
    public Task<QuotaLease> LeaseAsAnotherNodeAsync(QuotaKey key, QuotaLimits limits, long requests, long tokens, DateTimeOffset now) =>
        _inner.LeaseAsync(key, limits, new QuotaAsk(requests, tokens), now, CancellationToken.None);

    private async Task RecordAsync(string operation, object argument, QuotaKey key, DateTimeOffset now)
    {
        Calls.Add((operation, argument, await _inner.ReadAsync(key, now, CancellationToken.None)));
        if (Failing)
        {
            throw new InvalidOperationException("The quota store is down.");
        }
    }
}
