namespace OrleansGroq.Emulator.Determinism;

/// <summary>
/// FNV-1a, 64-bit. Unlike <see cref="HashCode"/> it is the same in every process, so a request
/// produces the same completion across emulator restarts.
/// </summary>
internal static class StableHash
{
    public const ulong Seed = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(ReadOnlySpan<byte> data) => Append(Seed, data);

    public static ulong Append(ulong hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    public static ulong Append(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (i * 8))) * Prime;
        }

        return hash;
    }
}
