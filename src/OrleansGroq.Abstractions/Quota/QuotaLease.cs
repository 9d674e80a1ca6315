namespace OrleansGroq.Abstractions.Quota;

/// <summary>What a lease took from the shared buckets, and what they hold after it.</summary>
/// <param name="GrantedRequests">Requests granted: at most the number asked, and what both request buckets held.</param>
/// <param name="GrantedTokens">Tokens granted: at most the number asked, and what both token buckets held.</param>
/// <param name="State">The buckets after the grant.</param>
[GenerateSerializer, Immutable]
public sealed record QuotaLease(long GrantedRequests, long GrantedTokens, QuotaBucketState State);
