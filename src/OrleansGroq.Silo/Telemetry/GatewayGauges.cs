using System.Diagnostics.Metrics;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// The instruments read when metrics are collected, never on a request's path: each key's state, and each account and
/// model's budget left and leased out cluster-wide. Budgets are read from the shared buckets (a grain or the database),
/// so a collection starts a fresh read in the background and reports the last one; nothing is read while nobody
/// collects.
/// </summary>
public sealed class GatewayGauges
{
    private static readonly TimeSpan QuotaRefresh = TimeSpan.FromSeconds(5);
    private static readonly string[] KeyStates = ["available", "cooling", "disabled"];

    private readonly IApiKeyPool _pool;
    private readonly IModelQuotas _quotas;
    private readonly TimeProvider _time;
    private IReadOnlyList<ModelQuotaSnapshot> _snapshots = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private int _reading;

    public GatewayGauges(GatewayMetrics metrics, IApiKeyPool pool, IModelQuotas quotas, TimeProvider time)
    {
        (_pool, _quotas, _time) = (pool, quotas, time);
        metrics.Meter.CreateObservableGauge("orleansgroq.key.state", ObserveKeys, "{key}", "1 for the state each key is in (available, cooling, disabled), 0 for the others.");
        metrics.Meter.CreateObservableGauge("orleansgroq.quota.remaining", () => ObserveQuotas(remaining: true), "{unit}", "What each account and model's buckets hold cluster-wide, by limit (rpm, rpd, tpm, tpd).");
        metrics.Meter.CreateObservableGauge("orleansgroq.quota.leased", () => ObserveQuotas(remaining: false), "{unit}", "What the silos hold leased of each account and model's buckets, by limit.");
    }

    private IEnumerable<Measurement<int>> ObserveKeys()
    {
        var now = _time.GetUtcNow();
        foreach (var key in _pool.Keys)
        {
            var status = _pool.GetStatus(key.Alias);
            var state = status.Disabled ? "disabled" : status.IsAvailableAt(now) ? "available" : "cooling";
            foreach (var candidate in KeyStates)
            {
                yield return new Measurement<int>(
                    candidate == state ? 1 : 0,
                    new KeyValuePair<string, object?>("orleansgroq.key", key.Alias),
                    new KeyValuePair<string, object?>("orleansgroq.account", key.Account),
                    new KeyValuePair<string, object?>("orleansgroq.key.state", candidate));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveQuotas(bool remaining)
    {
        if (_time.GetUtcNow() - _readAt >= QuotaRefresh && Interlocked.Exchange(ref _reading, 1) == 0)
        {
            _ = RefreshAsync();
        }

        foreach (var snapshot in _snapshots)
        {
            if (snapshot.Shared is not { } shared)
            {
                continue;
            }

            var levels = remaining ? shared.Available : shared.LeasedOut;
            yield return Quota(snapshot, "rpm", levels.Rpm);
            yield return Quota(snapshot, "rpd", levels.Rpd);
            yield return Quota(snapshot, "tpm", levels.Tpm);
            yield return Quota(snapshot, "tpd", levels.Tpd);
        }
    }

    private static Measurement<double> Quota(ModelQuotaSnapshot snapshot, string limit, double value) => new(
        value,
        new KeyValuePair<string, object?>("orleansgroq.account", snapshot.Account),
        new KeyValuePair<string, object?>("gen_ai.request.model", snapshot.Model),
        new KeyValuePair<string, object?>("orleansgroq.quota.limit", limit));

    private async Task RefreshAsync()
    {
        try
        {
            var snapshots = new List<ModelQuotaSnapshot>();
            foreach (var quota in _quotas.All)
            {
                var snapshot = await quota.GetSnapshotAsync();
                if (snapshot.Limits != QuotaLimits.Unlimited && !snapshot.Account.StartsWith(QuotaKey.TenantPrefix, StringComparison.Ordinal))
                {
                    snapshots.Add(snapshot);
                }
            }

            _snapshots = snapshots;
            _readAt = _time.GetUtcNow();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The shared buckets are away (their silo died, or the database is slow): the next collection reads again.
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
