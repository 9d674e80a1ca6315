namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Cuts a client's value before an error message quotes it: a 2 MB property name or a 10 KB model name echoed
/// back helps nobody and makes every error as large as the request that caused it.
/// </summary>
public static class EchoText
{
    public const int MaxLength = 64;

    public static string Truncate(string value) => Truncate(value, MaxLength);

    /// <summary>Cuts <paramref name="value"/> to <paramref name="maxLength"/> characters, for input longer by nature (a URL).</summary>
    public static string Truncate(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= maxLength)
        {
            return value;
        }

        // Never split a surrogate pair: half of one cannot be written as JSON.
        var length = char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength;
        return string.Concat(value.AsSpan(0, length), "...");
    }

    /// <summary>The text of an ASCII token (a number as sent), cut the same way without decoding all of it.</summary>
    public static string Truncate(ReadOnlySpan<byte> ascii) =>
        ascii.Length <= MaxLength
            ? System.Text.Encoding.UTF8.GetString(ascii)
            : string.Concat(System.Text.Encoding.UTF8.GetString(ascii[..MaxLength]), "...");
}
