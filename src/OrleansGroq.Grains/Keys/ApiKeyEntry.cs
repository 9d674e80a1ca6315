using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

/// <summary>A key as the pool sees it: identity, hash seed, account slot and the status its grain last published.</summary>
internal sealed class ApiKeyEntry(ApiKeyInfo info, int accountIndex)
{
    private ApiKeyStatus _status = new(info, null, CooldownReason.None, false);

    public ApiKeyInfo Info { get; } = info;

    /// <summary>Dense index of the key's account, so the pool can mark accounts in a stack-allocated span.</summary>
    public int AccountIndex { get; } = accountIndex;

    public ulong Hash { get; } = AffinityHash.Of(info.Alias);

    // Written by the key's grain, read by the pool on every request without a grain call.
    public ApiKeyStatus Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    public override string ToString() => Info.Alias;
}
