namespace OrleansGroq.Emulator;

/// <summary>
/// Groq's four limits for one account (organization) and one model. Zero means unlimited.
/// </summary>
public sealed record ModelLimits
{
    /// <summary>Requests per minute.</summary>
    public long Rpm { get; init; }

    /// <summary>Requests per day.</summary>
    public long Rpd { get; init; }

    /// <summary>Tokens per minute.</summary>
    public long Tpm { get; init; }

    /// <summary>Tokens per day.</summary>
    public long Tpd { get; init; }

    /// <summary>No limit at all.</summary>
    public static ModelLimits Unlimited { get; } = new();
}
