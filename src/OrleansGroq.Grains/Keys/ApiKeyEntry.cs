using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Keys;

/// <summary>
/// A key as this silo's pool sees it: identity, hash seed, account slot, the status its grain last told this silo
/// and the rate-limit headers this silo last received for it.
/// </summary>
internal sealed class ApiKeyEntry(ApiKeyInfo info, int accountIndex)
{
    private ApiKeyStatus _status = new(info, null, CooldownReason.None, false);
    private ObservedRateLimits? _lastRateLimits;

    public ApiKeyInfo Info { get; } = info;

    /// <summary>Dense index of the key's account, so the pool can mark accounts in a stack-allocated span.</summary>
    public int AccountIndex { get; } = accountIndex;

    public ulong Hash { get; } = AffinityHash.Of(info.Alias);

    // Read by the pool on every request without a grain call.
    public ApiKeyStatus Status => Volatile.Read(ref _status);

    // Written on every response that carries the headers: one reference store, no grain call.
    public ObservedRateLimits? LastRateLimits
    {
        get => Volatile.Read(ref _lastRateLimits);
        set => Volatile.Write(ref _lastRateLimits, value);
    }

    /// <summary>
    /// Takes a status from the key's grain unless a newer one is already here: the grain's notifications and the
    /// answers to this silo's own reports may arrive in either order.
    /// </summary>
    public void Apply(ApiKeyStatus status)
    {
        var current = Volatile.Read(ref _status);
        while (status.Version > current.Version)
        {
            var seen = Interlocked.CompareExchange(ref _status, status, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    public override string ToString() => Info.Alias;
}
