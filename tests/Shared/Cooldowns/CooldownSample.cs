namespace OrleansGroq.Testing.Cooldowns;

/// <summary>One cooldown's way through the cluster, each moment read from one clock.</summary>
/// <param name="StatusCode">The answer to the request.</param>
/// <param name="ServedBy">The key the answer names (<c>x-orleansgroq-key</c>).</param>
/// <param name="Cooled">The key each silo showed cooling, by silo.</param>
/// <param name="Sent">When the request was sent.</param>
/// <param name="Learned">When Groq's answer reached the silo that sent the request, if an <see cref="UpstreamTap"/> saw it.</param>
/// <param name="Answered">When the gateway's answer arrived.</param>
/// <param name="SeenAt">When each silo first showed the cooldown, by silo.</param>
internal sealed record CooldownSample(
    int StatusCode, string? ServedBy, IReadOnlyList<string> Cooled, TimeSpan Sent, TimeSpan? Learned, TimeSpan Answered, IReadOnlyList<TimeSpan> SeenAt)
{
    /// <summary>
    /// From the moment the first silo learned of the cooldown until every silo showed it; without a tap, from the
    /// request, which bounds it from above. Never below zero, though a silo may show it before the tap has noted its relay.
    /// </summary>
    public TimeSpan EverySilo => TimeSpan.FromTicks(Math.Max(0, (SeenAt.Max() - (Learned ?? Sent)).Ticks));

    /// <summary>Between the first silo and the last showing the cooldown.</summary>
    public TimeSpan FirstToLast => SeenAt.Max() - SeenAt.Min();
}
