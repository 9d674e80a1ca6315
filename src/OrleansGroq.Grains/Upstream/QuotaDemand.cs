using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Upstream;

/// <summary>What a request asks of the cluster's budget, and how long it may wait for it.</summary>
/// <param name="EstimatedTokens">The tokens to reserve (see <c>QuotaTokenEstimator</c>).</param>
/// <param name="Priority">Interactive work goes before batch work.</param>
/// <param name="MaxWait">How long the request may wait in admission for budget to refill.</param>
public sealed record QuotaDemand(long EstimatedTokens, QuotaPriority Priority, TimeSpan MaxWait);
