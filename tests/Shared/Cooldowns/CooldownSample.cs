namespace OrleansGroq.Testing.Cooldowns;

/// <summary>One cooldown's way through the cluster, each moment read from one clock.</summary>
/// <param name="StatusCode">The answer to the request.</param>
/// <param name="ServedBy">The key the answer names (<c>x-orleansgroq-key</c>).</param>
/// <param name="Cooled">The key each silo showed cooling, by silo; null where a silo showed none in time.</param>
/// <param name="Sent">When the request was sent.</param>
/// <param name="Learned">When Groq's answer reached the silo that sent the request, if an <see cref="UpstreamTap"/> saw it.</param>
/// <param name="Answered">When the gateway's answer arrived.</param>
/// <param name="SeenAt">When each silo first showed the cooldown, by silo; null where a silo showed none in time.</param>
internal sealed record CooldownSample(
    int StatusCode, string? ServedBy, IReadOnlyList<string?> Cooled, TimeSpan Sent, TimeSpan? Learned, TimeSpan Answered, IReadOnlyList<TimeSpan?> SeenAt)
{
    /// <summary>Whether every silo showed the key that served the request cooling.</summary>
    public bool SeenEverywhere => ServedBy is not null && Cooled.All(alias => alias == ServedBy);

    /// <summary>
    /// From the moment the first silo learned of the cooldown until every silo showed it; without a tap, from the
    /// request, which bounds it from above. Never below zero, though a silo may show it before the tap has noted its relay.
    /// </summary>
    public TimeSpan EverySilo => TimeSpan.FromTicks(Math.Max(0, (LastSeen - (Learned ?? Sent)).Ticks));

    /// <summary>Between the first silo and the last showing the cooldown.</summary>
    public TimeSpan FirstToLast => LastSeen - SeenAt.Min()!.Value;

    /// <summary>When the last silo showed the cooldown.</summary>
    public TimeSpan LastSeen => SeenAt.Max() ?? throw new InvalidOperationException("No silo showed the cooldown.");

    public override string ToString() =>
        $"status {StatusCode}, served by {ServedBy ?? "no key"}, shown cooling: {string.Join(", ", Cooled.Select(alias => alias ?? "nothing"))}";
}
