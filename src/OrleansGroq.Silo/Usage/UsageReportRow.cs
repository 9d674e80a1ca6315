namespace OrleansGroq.Silo.Usage;

/// <summary>One group of <c>GET /admin/usage</c>: its upstream attempts, failed ones, tokens and cost.</summary>
public sealed record UsageReportRow(
    string Group, long Requests, long Errors, long PromptTokens, long CachedTokens, long CompletionTokens, decimal CostUsd);
