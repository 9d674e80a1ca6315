namespace OrleansGroq.Emulator.Limits;

/// <summary>
/// The values behind Groq's six <c>x-ratelimit-*</c> headers: requests are the RPD bucket, tokens
/// the TPM bucket. A zero limit means that bucket is unlimited and its headers are left out.
/// </summary>
internal readonly record struct RateLimitSnapshot(
    long RequestLimit,
    long RequestsRemaining,
    TimeSpan RequestsReset,
    long TokenLimit,
    long TokensRemaining,
    TimeSpan TokensReset);
