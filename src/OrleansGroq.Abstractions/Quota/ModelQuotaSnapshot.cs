namespace OrleansGroq.Abstractions.Quota;

/// <summary>One node's view of one account and model's quota, for administration. Counters run since activation.</summary>
public sealed record ModelQuotaSnapshot
{
    /// <summary>The Groq organization.</summary>
    public required string Account { get; init; }

    /// <summary>The model.</summary>
    public required string Model { get; init; }

    /// <summary>The limits in force: configured, lowered to what Groq's limit headers report.</summary>
    public required QuotaLimits Limits { get; init; }

    /// <summary>Requests this node holds unspent; negative when it owes the shared bucket.</summary>
    public long SliceRequests { get; init; }

    /// <summary>Tokens this node holds unspent; negative when real usage exceeded reservations.</summary>
    public long SliceTokens { get; init; }

    /// <summary>Requests leased from the shared bucket.</summary>
    public long LeasedRequests { get; init; }

    /// <summary>Tokens leased from the shared bucket.</summary>
    public long LeasedTokens { get; init; }

    /// <summary>Requests given back to the shared bucket unused.</summary>
    public long ReturnedRequests { get; init; }

    /// <summary>Tokens given back to the shared bucket unused (net of usage beyond reservations charged on return).</summary>
    public long ReturnedTokens { get; init; }

    /// <summary>Reservations granted, less those released unsent.</summary>
    public long UsedRequests { get; init; }

    /// <summary>Tokens settled as used, as Groq counted them.</summary>
    public long UsedTokens { get; init; }

    /// <summary>Reservations refused for want of budget.</summary>
    public long Denied { get; init; }

    /// <summary>429s Groq answered for this account and model, as reported to the grain.</summary>
    public long RateLimited { get; init; }

    /// <summary>Lease statements sent to the shared store.</summary>
    public long LeaseStatements { get; init; }

    /// <summary>Every statement that changed the shared store: leases, returns, calibrations, limit changes.</summary>
    public long StoreStatements { get; init; }

    /// <summary>The shared buckets as read for this snapshot, or <see langword="null"/> when unlimited or not yet used.</summary>
    public QuotaBucketState? Shared { get; init; }
}
