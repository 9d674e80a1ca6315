namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// How a run goes: <see cref="Requests"/> cases made from <see cref="Seed"/>, sent <see cref="Concurrency"/> at a
/// time in batches of at most <see cref="BatchSize"/> cases of one kind (valid or invalid). The emulator's counter
/// is read between batches, so a batch size of 1 pins each upstream call on the one request that made it.
/// </summary>
internal sealed record FuzzOptions(int Seed, int Requests, int Concurrency = 1, int BatchSize = 1)
{
    /// <summary>How long the emulator's counter must stay still to count as settled.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long one request may take before it counts as unanswered.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
