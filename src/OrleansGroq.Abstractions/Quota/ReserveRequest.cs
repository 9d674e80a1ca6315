namespace OrleansGroq.Abstractions.Quota;

/// <summary>A reservation of one request and its estimated tokens.</summary>
/// <param name="EstimatedTokens">
/// Tokens to hold until the request is settled: the prompt estimate plus the completion reserve (see
/// <c>QuotaTokenEstimator</c>). Groq admits a request only when its prompt plus <c>max_tokens</c> fit the TPM bucket.
/// </param>
/// <param name="Priority">Interactive work goes before batch work when budget is short.</param>
public sealed record ReserveRequest(long EstimatedTokens, QuotaPriority Priority = QuotaPriority.Interactive);
