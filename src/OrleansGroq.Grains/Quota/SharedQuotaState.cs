using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Grains.Quota;

/// <summary>The persistent state of a <see cref="ModelQuotaGrain"/>: the shared buckets as of a moment.</summary>
[GenerateSerializer, Immutable]
internal sealed record SharedQuotaState
{
    /// <summary>The buckets, or <see langword="null"/> before the first lease.</summary>
    [Id(0)]
    public QuotaBucketState? Buckets { get; init; }

    /// <summary>When the buckets held what <see cref="Buckets"/> says.</summary>
    [Id(1)]
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// Written as the activation deactivated, so nothing was granted after it. Otherwise the activation may have
    /// granted up to <see cref="ModelQuotaGrain.GrantHorizon"/> past <see cref="At"/> before it died.
    /// </summary>
    [Id(2)]
    public bool Final { get; init; }
}
