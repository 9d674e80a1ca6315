namespace OrleansGroq.Abstractions.Usage;

/// <summary>One row of the usage ledger: one upstream attempt, whoever it was for and however it ended.</summary>
/// <param name="OccurredAt">When the attempt was sent.</param>
/// <param name="RequestId">The gateway request it belongs to.</param>
/// <param name="Tenant">The caller's tenant.</param>
/// <param name="Provider"><c>groq</c>, or the backup provider's name.</param>
/// <param name="Model">The model the attempt asked for.</param>
/// <param name="KeyAlias">The key used, by alias; none when no key was tried.</param>
/// <param name="Account">The key's account.</param>
/// <param name="StatusCode">The upstream status, or none when no answer came back.</param>
/// <param name="Outcome"><c>ok</c>, or the failure's <c>error.type</c>.</param>
/// <param name="Streamed">Whether the answer was streamed.</param>
/// <param name="PromptTokens">Prompt tokens, cached ones included; 0 when no usage was reported.</param>
/// <param name="CachedTokens">Prompt tokens served from Groq's prompt cache.</param>
/// <param name="CompletionTokens">Completion tokens.</param>
/// <param name="LatencyMs">From sending to the last byte relayed.</param>
/// <param name="TimeToFirstTokenMs">For a streamed answer, from sending to the first content chunk.</param>
/// <param name="CostUsd">What the tokens cost at the catalog's prices.</param>
public sealed record UsageEntry(
    DateTimeOffset OccurredAt,
    string RequestId,
    string Tenant,
    string Provider,
    string Model,
    string? KeyAlias,
    string? Account,
    int? StatusCode,
    string Outcome,
    bool Streamed,
    long PromptTokens,
    long CachedTokens,
    long CompletionTokens,
    double LatencyMs,
    double? TimeToFirstTokenMs,
    decimal CostUsd)
{
    /// <summary>The outcome of an attempt that succeeded; every other outcome counts as an error.</summary>
    public const string Succeeded = "ok";

    /// <summary>Whether the attempt failed.</summary>
    public bool IsError => !string.Equals(Outcome, Succeeded, StringComparison.Ordinal);
}
