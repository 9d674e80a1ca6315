namespace OrleansGroq.Abstractions.Quota;

/// <summary>Configured limits of one model, for one account or as the default of every account. Unset limits fall back.</summary>
public sealed class QuotaLimitOptions
{
    /// <summary>Requests per minute; 0 for unlimited.</summary>
    public long? Rpm { get; set; }

    /// <summary>Requests per day; 0 for unlimited. Groq's <c>x-ratelimit-limit-requests</c> lowers it.</summary>
    public long? Rpd { get; set; }

    /// <summary>Tokens per minute; 0 for unlimited. Groq's <c>x-ratelimit-limit-tokens</c> lowers it.</summary>
    public long? Tpm { get; set; }

    /// <summary>Tokens per day; 0 for unlimited.</summary>
    public long? Tpd { get; set; }
}
