using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// Reads Groq's <c>x-ratelimit-*</c> and <c>retry-after</c> headers into a <see cref="RateLimitSnapshot"/>.
/// Runs on every upstream response: it reads header values in place and allocates only the snapshot, and nothing
/// when the response carries none of the headers. A malformed header counts as absent.
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>Requests per day.</summary>
    public const string LimitRequests = "x-ratelimit-limit-requests";

    /// <summary>Requests left today.</summary>
    public const string RemainingRequests = "x-ratelimit-remaining-requests";

    /// <summary>Time until the request limit is full again, as a Go duration.</summary>
    public const string ResetRequests = "x-ratelimit-reset-requests";

    /// <summary>Tokens per minute.</summary>
    public const string LimitTokens = "x-ratelimit-limit-tokens";

    /// <summary>Tokens left this minute.</summary>
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";

    /// <summary>Time until the token limit is full again, as a Go duration.</summary>
    public const string ResetTokens = "x-ratelimit-reset-tokens";

    /// <summary>Seconds (possibly fractional) or an HTTP date.</summary>
    public const string RetryAfter = "retry-after";

    /// <summary>Reads the headers of an upstream response.</summary>
    public static RateLimitSnapshot? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Parse(headers, static (headers, name) => First(headers.NonValidated, name), now);
    }

    /// <summary>Reads the headers of a server-side response or request, e.g. in the emulator or a test.</summary>
    public static RateLimitSnapshot? Parse(IHeaderDictionary headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Parse(headers, static (headers, name) => headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null, now);
    }

    /// <summary>
    /// Reads the headers through <paramref name="lookup"/>, which returns a header's first value or null. An HTTP-date
    /// <c>retry-after</c> is measured from the response's <c>Date</c> header, as RFC 9110 intends, else from <paramref name="now"/>.
    /// </summary>
    public static RateLimitSnapshot? Parse<TState>(TState state, Func<TState, string, string?> lookup, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var limitRequests = ParseCount(lookup(state, LimitRequests));
        var remainingRequests = ParseCount(lookup(state, RemainingRequests));
        var resetRequests = ParseDuration(lookup(state, ResetRequests));
        var limitTokens = ParseCount(lookup(state, LimitTokens));
        var remainingTokens = ParseCount(lookup(state, RemainingTokens));
        var resetTokens = ParseDuration(lookup(state, ResetTokens));
        TimeSpan? retryAfter = ParseRetryAfter(state, lookup, now);

        if (limitRequests is null && remainingRequests is null && resetRequests is null
            && limitTokens is null && remainingTokens is null && resetTokens is null && retryAfter is null)
        {
            return null;
        }

        return new RateLimitSnapshot
        {
            LimitRequests = limitRequests,
            RemainingRequests = remainingRequests,
            ResetRequests = resetRequests,
            LimitTokens = limitTokens,
            RemainingTokens = remainingTokens,
            ResetTokens = resetTokens,
            RetryAfter = retryAfter,
        };
    }

    /// <summary>
    /// Parses <c>retry-after</c>: whole or fractional seconds (<c>2</c>, <c>0.5</c>) or an HTTP date, which gives the
    /// delay from <paramref name="now"/> (zero when the date has passed).
    /// </summary>
    public static bool TryParseRetryAfter(ReadOnlySpan<char> value, DateTimeOffset now, out TimeSpan delay)
    {
        delay = default;
        value = value.Trim();
        if (value.IsEmpty)
        {
            return false;
        }

        if (char.IsAsciiDigit(value[0]) || value[0] == '.')
        {
            if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || seconds >= TimeSpan.MaxValue.TotalSeconds)
            {
                return false;
            }

            delay = TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (!DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        delay = date > now ? date - now : TimeSpan.Zero;
        return true;
    }

    private static TimeSpan? ParseRetryAfter<TState>(TState state, Func<TState, string, string?> lookup, DateTimeOffset now)
    {
        var value = lookup(state, RetryAfter).AsSpan().Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        if (!char.IsAsciiDigit(value[0]) && value[0] != '.' && DateTimeOffset.TryParseExact(
                lookup(state, "date"), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var responseDate))
        {
            now = responseDate;
        }

        return TryParseRetryAfter(value, now, out var delay) ? delay : null;
    }

    private static long? ParseCount(ReadOnlySpan<char> value) =>
        long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

    private static TimeSpan? ParseDuration(ReadOnlySpan<char> value) =>
        GoDuration.TryParse(value.Trim(), out var duration) ? duration : null;

    private static string? First(HttpHeadersNonValidated headers, string name)
    {
        if (headers.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }
}
