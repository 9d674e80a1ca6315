namespace OrleansGroq.Silo.Admin;

/// <summary>One account and model in <c>GET /admin/quotas</c>: limits, what this node used and holds, and what is left cluster-wide.</summary>
public sealed record QuotaView(
    string Account,
    string Model,
    QuotaFigures Limit,
    QuotaFigures Remaining,
    QuotaFigures LeasedOut,
    long UsedRequests,
    long UsedTokens,
    long SliceRequests,
    long SliceTokens,
    long Denied,
    long RateLimitedSeen,
    long LeaseStatements);
