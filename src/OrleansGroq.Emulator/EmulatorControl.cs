using OrleansGroq.Emulator.Faults;

namespace OrleansGroq.Emulator;

/// <summary>
/// In-process access to what the <c>/_emulator/</c> HTTP control API does: faults, limits,
/// statistics and reset. Thread-safe.
/// </summary>
public sealed class EmulatorControl
{
    private readonly EmulatorRuntime _runtime;

    internal EmulatorControl(EmulatorRuntime runtime) => _runtime = runtime;

    /// <summary>Adds a fault rule; returns its id.</summary>
    /// <exception cref="ArgumentException">The rule is invalid; the message names the field.</exception>
    public string AddFault(FaultRule rule)
    {
        var problem = FaultRuleValidator.Check(rule);
        if (problem is not null)
        {
            throw new ArgumentException($"Fault rule: {problem}.", nameof(rule));
        }

        return _runtime.Faults.Add(rule);
    }

    /// <summary>Removes every fault rule.</summary>
    public void ClearFaults() => _runtime.Faults.Clear();

    /// <summary>Replaces the limits of one account and model; its buckets start full. Zero means unlimited.</summary>
    /// <exception cref="ArgumentException">The model is unknown or a limit is negative.</exception>
    public void SetLimits(string account, string model, ModelLimits limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(limits);
        if (_runtime.Catalog.Find(model) is null)
        {
            throw new ArgumentException($"Unknown model '{model}'.", nameof(model));
        }

        if (limits.Rpm < 0 || limits.Rpd < 0 || limits.Tpm < 0 || limits.Tpd < 0)
        {
            throw new ArgumentException("Limits must not be negative (0 means unlimited).", nameof(limits));
        }

        _runtime.Limiter.SetLimits(account, model, limits);
    }

    /// <summary>A snapshot of the counters per key alias and model.</summary>
    public EmulatorStats GetStats() => _runtime.Stats.Snapshot();

    /// <summary>Clears statistics, refills every bucket, removes faults and empties prompt caches. Limits set with <see cref="SetLimits"/> stay.</summary>
    public void Reset() => _runtime.Reset();
}
