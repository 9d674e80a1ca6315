using System.Collections.Concurrent;
using OrleansGroq.Emulator.Accounts;
using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Limits;

/// <summary>
/// The bucket sets of every (account, model), created on first use. Limits come from, in order:
/// a control-API override, the account's configuration, the model's free-tier defaults.
/// </summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Account, string Model), BucketSet> _sets = new();
    private readonly ConcurrentDictionary<(string Account, string Model), ModelLimits> _overrides = new();

    public BucketSet For(Account account, ModelInfo model)
    {
        var key = (account.Id, model.Id);
        return _sets.TryGetValue(key, out var set)
            ? set
            : _sets.GetOrAdd(key, static (k, state) => new BucketSet(state.Limiter.LimitsFor(state.Account, state.Model), state.Limiter.Time), (Limiter: this, Account: account, Model: model));
    }

    /// <summary>Replaces the limits of one account and model; its buckets start full.</summary>
    public void SetLimits(string account, string model, ModelLimits limits)
    {
        _overrides[(account, model)] = limits;
        _sets[(account, model)] = new BucketSet(limits, time);
    }

    /// <summary>Refills every bucket (overrides stay).</summary>
    public void Reset() => _sets.Clear();

    private TimeProvider Time => time;

    private ModelLimits LimitsFor(Account account, ModelInfo model) =>
        _overrides.TryGetValue((account.Id, model.Id), out var overridden) ? overridden
        : account.Limits.TryGetValue(model.Id, out var configured) ? configured
        : model.DefaultLimits;
}
