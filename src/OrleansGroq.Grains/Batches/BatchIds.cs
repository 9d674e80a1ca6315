namespace OrleansGroq.Grains.Batches;

/// <summary>Identifiers in Groq's format: a prefix (<c>file_</c>, <c>batch_</c>, <c>batch_req_</c>) and a lowercase ULID.</summary>
public static class BatchIds
{
    private const string Crockford = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary><paramref name="prefix"/> and a ULID: 48 bits of milliseconds, 80 random bits, 26 base32 digits.</summary>
    public static string New(string prefix, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(time);
        var milliseconds = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        var high = (ulong)Random.Shared.NextInt64() & 0xFFFF;
        var low = (ulong)Random.Shared.NextInt64();
        return string.Create(prefix.Length + 26, (prefix, milliseconds, high, low), static (span, state) =>
        {
            state.prefix.CopyTo(span);
            var id = span[state.prefix.Length..];
            var time = state.milliseconds;
            for (var i = 9; i >= 0; i--)
            {
                id[i] = Crockford[(int)(time & 31)];
                time >>= 5;
            }

            var (hi, lo) = (state.high, state.low);
            for (var i = 25; i >= 10; i--)
            {
                id[i] = Crockford[(int)(lo & 31)];
                lo = (lo >> 5) | ((hi & 31) << 59);
                hi >>= 5;
            }
        });
    }
}
