namespace OrleansGroq.Abstractions.Upstream;

/// <summary>
/// What the gateway reads from Groq's error body <c>{"error":{"message","type","code"}}</c>. The message
/// itself is not kept: the parts that drive decisions are extracted from it.
/// </summary>
/// <param name="Type"><c>error.type</c>, e.g. <c>tokens</c>, <c>requests</c>, <c>invalid_request_error</c>.</param>
/// <param name="Code"><c>error.code</c>, e.g. <c>rate_limit_exceeded</c>, <c>invalid_api_key</c>.</param>
/// <param name="Limit">The limit a rate-limit message names, e.g. <c>(TPM)</c>.</param>
/// <param name="RetryIn">The duration in "Please try again in 11.19s".</param>
[GenerateSerializer, Immutable]
public sealed record UpstreamError(string? Type, string? Code, RateLimitKind Limit, TimeSpan? RetryIn)
{
    /// <summary>Whether the error concerns a token limit (<c>type: "tokens"</c>, or a TPM/TPD limit).</summary>
    public bool IsTokenLimit =>
        Limit is RateLimitKind.TokensPerMinute or RateLimitKind.TokensPerDay
        || string.Equals(Type, "tokens", StringComparison.Ordinal);
}
