namespace OrleansGroq.Grains.Keys;

/// <summary>
/// A fixed, process-independent 64-bit hash for rendezvous hashing: every node must map an affinity to the same
/// key, so <see cref="HashCode"/> (randomized per process) will not do. FNV-1a over the UTF-16 code units, byte by
/// byte in a fixed order, then a MurmurHash3 finalizer to spread the bits.
/// </summary>
internal static class AffinityHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = OffsetBasis;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return Mix(hash);
    }

    /// <summary>The rendezvous weight of a key for an affinity: the highest weight wins.</summary>
    public static ulong Weight(ulong affinity, ulong key) => Mix(affinity ^ key);

    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccd;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53;
        value ^= value >> 33;
        return value;
    }
}
