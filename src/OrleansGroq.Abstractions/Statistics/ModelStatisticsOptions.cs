namespace OrleansGroq.Abstractions.Statistics;

/// <summary>The live model statistics' sliding window, bound from <c>Statistics</c>.</summary>
public sealed class ModelStatisticsOptions
{
    public const string SectionName = "Statistics";

    /// <summary>How far back the statistics look.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The window moves by this much: attempts are summed per bucket, and the oldest bucket leaves whole.</summary>
    public TimeSpan Bucket { get; set; } = TimeSpan.FromSeconds(10);
}
