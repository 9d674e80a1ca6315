using System.Buffers;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// The one form in which the fallback compares text: lower case, whitespace runs collapsed to one space, no leading
/// or trailing space. Keywords, blocklist phrases, template choice and repetition all use it, so that a change of case
/// or an extra line break changes none of them.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }

        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = Normalize(text, buffer);
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Normalizes as much of <paramref name="text"/> as fits and returns the characters written; reading stops once the destination is full.</summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = written > 0;
                continue;
            }

            if (pendingSpace)
            {
                if (written == destination.Length)
                {
                    break;
                }

                destination[written++] = ' ';
                pendingSpace = false;
            }

            if (written == destination.Length)
            {
                break;
            }

            destination[written++] = char.ToLowerInvariant(c);
        }

        return written;
    }
}
