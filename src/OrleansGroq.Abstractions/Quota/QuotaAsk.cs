namespace OrleansGroq.Abstractions.Quota;

/// <summary>What a node asks of the shared buckets in one lease.</summary>
/// <param name="Requests">Requests wanted; zero when requests are unlimited or the node's slice has enough.</param>
/// <param name="Tokens">Tokens wanted; zero when tokens are unlimited or the node's slice has enough.</param>
/// <param name="Reserve">
/// The share of each bucket's capacity (0 inclusive to 1 exclusive) the lease must leave in place: batch work leaves
/// room for interactive work.
/// </param>
/// <param name="Ceilings">Ceilings to apply before granting, so that a lease also calibrates without a statement of its own.</param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable]
public sealed record QuotaAsk(long Requests, long Tokens, double Reserve = 0, [property: Id(3)] QuotaCeilings? Ceilings = null)
{
    /// <summary>Requests wanted.</summary>
    [Id(0)]
    public long Requests { get; init; } = Requests >= 0 ? Requests : throw new ArgumentOutOfRangeException(nameof(Requests), Requests, "An ask is not negative.");

    /// <summary>Tokens wanted.</summary>
    [Id(1)]
    public long Tokens { get; init; } = Tokens >= 0 ? Tokens : throw new ArgumentOutOfRangeException(nameof(Tokens), Tokens, "An ask is not negative.");

    /// <summary>The share of each bucket's capacity the lease leaves in place.</summary>
    [Id(2)]
    public double Reserve { get; init; } = Reserve is >= 0 and < 1 ? Reserve : throw new ArgumentOutOfRangeException(nameof(Reserve), Reserve, "A reserve is a share from 0 up to, not including, 1.");
}
