using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// Conversation ids: <c>conv_</c> and 26 lowercase base32 characters, a millisecond timestamp then random bits,
/// so ids sort by creation time (listing pages in creation order) and cannot be guessed.
/// </summary>
public static class ConversationIds
{
    private const string Prefix = "conv_";
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int EncodedLength = 26;

    public static string New(TimeProvider time)
    {
        Span<byte> bytes = stackalloc byte[16];
        var millis = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)millis;
            millis >>= 8;
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        return Prefix + Encode(bytes);
    }

    public static bool IsValid(string? id) =>
        id is { Length: 31 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 128 bits as 26 five-bit groups, most significant first (the top two bits of the first group are zero).
        Span<char> chars = stackalloc char[EncodedLength];
        var number = new UInt128(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        for (var i = EncodedLength - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(number & 31)];
            number >>= 5;
        }

        return new string(chars);
    }
}
