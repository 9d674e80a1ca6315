using System.Globalization;

namespace OrleansGroq.Emulator.Limits;

/// <summary>Groq's <c>x-ratelimit-*</c> and <c>retry-after</c> headers.</summary>
internal static class RateLimitHeaders
{
    public static void Apply(IHeaderDictionary headers, RateLimitSnapshot snapshot, bool includeTokens = true)
    {
        if (snapshot.RequestLimit > 0)
        {
            headers["x-ratelimit-limit-requests"] = Text(snapshot.RequestLimit);
            headers["x-ratelimit-remaining-requests"] = Text(snapshot.RequestsRemaining);
            headers["x-ratelimit-reset-requests"] = GoDuration.FormatMilliseconds(snapshot.RequestsReset);
        }

        if (includeTokens && snapshot.TokenLimit > 0)
        {
            headers["x-ratelimit-limit-tokens"] = Text(snapshot.TokenLimit);
            headers["x-ratelimit-remaining-tokens"] = Text(snapshot.TokensRemaining);
            headers["x-ratelimit-reset-tokens"] = GoDuration.FormatMilliseconds(snapshot.TokensReset);
        }
    }

    public static void Apply(IHeaderDictionary headers, Admission admission)
    {
        Apply(headers, admission.Headers, admission.IncludeTokenHeaders);
        if (admission.Outcome == AdmissionOutcome.RateLimited)
        {
            headers.RetryAfter = Text(admission.RetryAfterSeconds);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
