using System.Globalization;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Limits;

/// <summary>Groq's 429 and 413 bodies for a refused <see cref="Admission"/>, word for word.</summary>
internal static class RateLimitErrors
{
    private const string Upgrade = "Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing";

    public static GroqError For(Admission admission, string model, string organization, string serviceTier)
    {
        var limit = admission.Limit switch
        {
            LimitKind.Rpm => "requests per minute (RPM)",
            LimitKind.Rpd => "requests per day (RPD)",
            LimitKind.Tpm => "tokens per minute (TPM)",
            _ => "tokens per day (TPD)",
        };
        var type = admission.Limit is LimitKind.Rpm or LimitKind.Rpd ? "requests" : "tokens";
        var prefix = string.Create(CultureInfo.InvariantCulture, $"model `{model}` in organization `{organization}` service tier `{serviceTier}` on {limit}: Limit {admission.LimitValue}");

        if (admission.Outcome == AdmissionOutcome.TooLarge)
        {
            return new GroqError(
                StatusCodes.Status413RequestEntityTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"Request too large for {prefix}, Requested {admission.Requested}, please reduce your message size and try again. Visit https://console.groq.com/docs/rate-limits for more information."),
                type,
                "rate_limit_exceeded");
        }

        return new GroqError(
            StatusCodes.Status429TooManyRequests,
            string.Create(CultureInfo.InvariantCulture, $"Rate limit reached for {prefix}, Used {admission.Used}, Requested {admission.Requested}. Please try again in {GoDuration.FormatMilliseconds(admission.RetryAfter)}. {Upgrade}"),
            type,
            "rate_limit_exceeded");
    }
}
