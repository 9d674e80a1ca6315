using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// One LLM attempt as it ended: where it went, for whom, how it ended and what it used. Raised once per cascade step,
/// when the attempt's usage is known (a whole answer when read, a streamed one when its last chunk is relayed).
/// Carries key aliases only, never a secret or a client token.
/// </summary>
/// <param name="StartedAt">When the attempt was sent.</param>
/// <param name="RequestId">The gateway request it belongs to (the <c>x-request-id</c> answered).</param>
/// <param name="Tenant">The caller's tenant.</param>
/// <param name="Provider"><c>groq</c>, or the backup provider's name.</param>
/// <param name="RequestModel">The model the attempt asked for (after routing).</param>
/// <param name="ResponseModel">The model the answer names, when there was one.</param>
/// <param name="KeyAlias">The key used, by alias; none when no key was tried.</param>
/// <param name="Account">The key's account (Groq organization).</param>
/// <param name="StatusCode">The upstream status, or none when no answer came back.</param>
/// <param name="Outcome">How it ended: <c>ok</c>, or the failure's <c>error.type</c> (<c>rate_limited</c>, <c>timeout</c>, ...).</param>
/// <param name="Streamed">Whether the answer was streamed.</param>
/// <param name="Duration">From sending to the last byte relayed.</param>
/// <param name="TimeToFirstToken">For a streamed answer, from sending to the first content chunk.</param>
/// <param name="Usage">The usage Groq reported, when it did.</param>
public sealed record UpstreamAttemptRecord(
    DateTimeOffset StartedAt,
    string RequestId,
    string Tenant,
    string Provider,
    string RequestModel,
    string? ResponseModel,
    string? KeyAlias,
    string? Account,
    int? StatusCode,
    string Outcome,
    bool Streamed,
    TimeSpan Duration,
    TimeSpan? TimeToFirstToken,
    UsageCounts? Usage);
