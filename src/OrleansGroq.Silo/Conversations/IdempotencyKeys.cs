using System.Security.Cryptography;
using System.Text;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// Reads a turn's <c>Idempotency-Key</c> header and fingerprints the request it came with (its path and body, as
/// bytes), so that a retry is recognised as the same request and a different request under the same key is refused.
/// </summary>
internal static class IdempotencyKeys
{
    public const int MaxLength = 255;

    /// <returns>The error to answer when the header is malformed; otherwise null, with <paramref name="key"/> null when there is none.</returns>
    public static OpenAiErrorResult? Read(HttpRequest request, ReadOnlySpan<byte> body, out IdempotencyKey? key)
    {
        key = null;
        var values = request.Headers[GatewayHeaders.IdempotencyKey];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1 || values[0] is not { Length: > 0 and <= MaxLength } text || !IsPrintableAscii(text))
        {
            return GatewayErrors.InvalidIdempotencyKey(MaxLength);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Path.Value ?? string.Empty));
        hash.AppendData([0]);
        hash.AppendData(body);
        key = new IdempotencyKey(text, Convert.ToHexStringLower(hash.GetHashAndReset()));
        return null;
    }

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
