namespace OrleansGroq.Testing.Cooldowns;

/// <summary>
/// One cooldown's way through the cluster, timed from the moment its request was sent.
/// </summary>
/// <param name="StatusCode">The answer to the request.</param>
/// <param name="ServedBy">The key the answer names (<c>x-orleansgroq-key</c>).</param>
/// <param name="Cooled">The key each silo showed cooling, by silo.</param>
/// <param name="Answered">When the answer arrived.</param>
/// <param name="SeenAt">When each silo first showed it, by silo.</param>
internal sealed record CooldownSample(int StatusCode, string? ServedBy, IReadOnlyList<string> Cooled, TimeSpan Answered, IReadOnlyList<TimeSpan> SeenAt)
{
    /// <summary>
    /// Until every silo showed the cooldown, from the request: an upper bound on the time from the moment the first
    /// silo learned of it, since that silo learned it from the answer to this very request.
    /// </summary>
    public TimeSpan EverySilo => SeenAt.Max();

    /// <summary>Between the first silo and the last showing the cooldown.</summary>
    public TimeSpan FirstToLast => SeenAt.Max() - SeenAt.Min();
}
