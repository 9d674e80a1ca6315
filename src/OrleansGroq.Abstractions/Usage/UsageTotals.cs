namespace OrleansGroq.Abstractions.Usage;

/// <summary>The sums of one group of ledger rows.</summary>
/// <param name="Group">The tenant, model, key alias, or the start of the hour or day (ISO 8601, UTC).</param>
/// <param name="Requests">Upstream attempts.</param>
/// <param name="Errors">Attempts whose outcome was not <c>ok</c>.</param>
public sealed record UsageTotals(
    string Group,
    long Requests,
    long Errors,
    long PromptTokens,
    long CachedTokens,
    long CompletionTokens,
    decimal CostUsd)
{
    /// <summary>The key group of attempts that were made with no key.</summary>
    public const string NoKey = "(none)";

    /// <summary>How an hour or day group is named from its start (UTC), by both ledgers.</summary>
    public const string PeriodFormat = "yyyy-MM-dd'T'HH':'mm':'ss'Z'";
}
