namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// Parses Go's <c>time.Duration</c> strings, which Groq uses for its reset headers and "try again in" messages:
/// <c>7.66s</c>, <c>2m59.56s</c>, <c>1h25m3.847s</c>, <c>185ms</c>, <c>1m7.391999999s</c>, <c>0s</c>.
/// </summary>
public static class GoDuration
{
    private const ulong MaxNanoseconds = long.MaxValue;

    // Go keeps at most this many fraction digits' worth of precision; more would overflow the accumulator.
    private const int MaxFractionDigits = 18;

    /// <summary>
    /// Parses a duration: one or more decimal numbers, each with an optional fraction and a unit among
    /// <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c>, <c>µs</c>, <c>ns</c>. A lone <c>0</c> is allowed, as in Go.
    /// Negative durations, whitespace and anything else are rejected, since rate-limit durations are never negative.
    /// Precision below 100 ns (one tick) is truncated.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length > 0 && text[0] == '+')
        {
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        if (text is "0")
        {
            return true;
        }

        ulong total = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!TryReadNumber(text, ref i, out var whole, out var fraction, out var scale)
                || !TryReadUnit(text, ref i, out var unit)
                || whole > MaxNanoseconds / unit)
            {
                return false;
            }

            var nanoseconds = whole * unit;
            if (fraction > 0)
            {
                nanoseconds += (ulong)(fraction * (unit / scale));
            }

            total += nanoseconds;
            if (nanoseconds > MaxNanoseconds || total > MaxNanoseconds)
            {
                return false;
            }
        }

        duration = TimeSpan.FromTicks((long)(total / TimeSpan.NanosecondsPerTick));
        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int i, out ulong whole, out double fraction, out double scale)
    {
        whole = 0;
        fraction = 0;
        scale = 1;
        var digits = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
        {
            if (whole > (MaxNanoseconds - 9) / 10)
            {
                return false;
            }

            whole = (whole * 10) + (ulong)(text[i] - '0');
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fractionDigits = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++, fractionDigits++)
            {
                if (fractionDigits < MaxFractionDigits)
                {
                    fraction = (fraction * 10) + (text[i] - '0');
                    scale *= 10;
                }
            }
        }

        return digits > 0;
    }

    private static bool TryReadUnit(ReadOnlySpan<char> text, ref int i, out ulong nanoseconds)
    {
        var start = i;
        while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
        {
            i++;
        }

        nanoseconds = text[start..i] switch
        {
            "h" => 3_600_000_000_000,
            "m" => 60_000_000_000,
            "s" => 1_000_000_000,
            "ms" => 1_000_000,
            "us" or "\u00B5s" or "\u03BCs" => 1_000,
            "ns" => 1,
            _ => 0,
        };
        return nanoseconds > 0;
    }
}
