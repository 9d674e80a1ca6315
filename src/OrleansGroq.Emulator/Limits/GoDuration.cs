namespace OrleansGroq.Emulator.Limits;

/// <summary>
/// Formats durations exactly as Go's <c>time.Duration.String()</c> does, which is what Groq's
/// <c>x-ratelimit-reset-*</c> headers and 429 messages carry: <c>185ms</c>, <c>7.66s</c>, <c>2m59.56s</c>, <c>1h0m0s</c>.
/// </summary>
internal static class GoDuration
{
    private const ulong Microsecond = 1_000;
    private const ulong Millisecond = 1_000_000;
    private const ulong Second = 1_000_000_000;

    public static string Format(TimeSpan duration) => Format(duration.Ticks * 100);

    /// <summary>Rounds up to whole milliseconds first, as the emulator reports waits.</summary>
    public static string FormatMilliseconds(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        var rounded = ticks <= 0 ? ticks : (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
        return Format(rounded * 100);
    }

    public static string Format(long nanoseconds)
    {
        Span<char> buffer = stackalloc char[32];
        var w = buffer.Length;
        var negative = nanoseconds < 0;
        var u = negative ? unchecked((ulong)-nanoseconds) : (ulong)nanoseconds;

        if (u < Second)
        {
            int precision;
            buffer[--w] = 's';
            w--;
            switch (u)
            {
                case 0:
                    buffer[w] = '0';
                    return new string(buffer[w..]);
                case < Microsecond:
                    precision = 0;
                    buffer[w] = 'n';
                    break;
                case < Millisecond:
                    precision = 3;
                    buffer[w] = 'µ';
                    break;
                default:
                    precision = 6;
                    buffer[w] = 'm';
                    break;
            }

            w = FormatFraction(buffer, w, ref u, precision);
            w = FormatInteger(buffer, w, u);
        }
        else
        {
            buffer[--w] = 's';
            w = FormatFraction(buffer, w, ref u, 9);
            w = FormatInteger(buffer, w, u % 60);
            u /= 60;
            if (u > 0)
            {
                buffer[--w] = 'm';
                w = FormatInteger(buffer, w, u % 60);
                u /= 60;
                if (u > 0)
                {
                    buffer[--w] = 'h';
                    w = FormatInteger(buffer, w, u);
                }
            }
        }

        if (negative)
        {
            buffer[--w] = '-';
        }

        return new string(buffer[w..]);
    }

    // Writes the fraction of v (precision digits) without trailing zeros, leaving the integer part in v.
    private static int FormatFraction(Span<char> buffer, int w, ref ulong v, int precision)
    {
        var print = false;
        for (var i = 0; i < precision; i++)
        {
            var digit = v % 10;
            print = print || digit != 0;
            if (print)
            {
                buffer[--w] = (char)('0' + digit);
            }

            v /= 10;
        }

        if (print)
        {
            buffer[--w] = '.';
        }

        return w;
    }

    private static int FormatInteger(Span<char> buffer, int w, ulong v)
    {
        if (v == 0)
        {
            buffer[--w] = '0';
            return w;
        }

        while (v > 0)
        {
            buffer[--w] = (char)('0' + (v % 10));
            v /= 10;
        }

        return w;
    }
}
