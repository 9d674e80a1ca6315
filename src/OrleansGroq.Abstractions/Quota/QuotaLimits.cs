namespace OrleansGroq.Abstractions.Quota;

/// <summary>
/// Groq's four limits for one organization and model. Zero means unlimited: that bucket does not exist.
/// Requests count against RPM and RPD, tokens (uncached prompt plus completion) against TPM and TPD.
/// </summary>
/// <param name="Rpm">Requests per minute.</param>
/// <param name="Rpd">Requests per day.</param>
/// <param name="Tpm">Tokens per minute.</param>
/// <param name="Tpd">Tokens per day.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable]
public sealed record QuotaLimits(long Rpm, long Rpd, long Tpm, long Tpd)
{
    /// <summary>The largest limit accepted: far above any Groq tier, and small enough that bucket arithmetic in doubles stays exact.</summary>
    public const long MaxLimit = 1_000_000_000_000_000;

    /// <summary>No limit at all: reservations are granted without touching a bucket.</summary>
    public static QuotaLimits Unlimited { get; } = new(0, 0, 0, 0);

    /// <summary>Requests per minute.</summary>
    [Id(0)]
    public long Rpm { get; init; } = Check(Rpm, nameof(Rpm));

    /// <summary>Requests per day.</summary>
    [Id(1)]
    public long Rpd { get; init; } = Check(Rpd, nameof(Rpd));

    /// <summary>Tokens per minute.</summary>
    [Id(2)]
    public long Tpm { get; init; } = Check(Tpm, nameof(Tpm));

    /// <summary>Tokens per day.</summary>
    [Id(3)]
    public long Tpd { get; init; } = Check(Tpd, nameof(Tpd));

    /// <summary>Whether requests are limited, by RPM, RPD or both.</summary>
    public bool LimitsRequests => Rpm > 0 || Rpd > 0;

    /// <summary>Whether tokens are limited, by TPM, TPD or both.</summary>
    public bool LimitsTokens => Tpm > 0 || Tpd > 0;

    private static long Check(long limit, string name) =>
        limit is >= 0 and <= MaxLimit ? limit : throw new ArgumentOutOfRangeException(name, limit, $"A limit is between 0 (unlimited) and {MaxLimit}.");
}
