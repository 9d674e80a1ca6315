namespace OrleansGroq.Grains.Statistics;

/// <summary>The sums of one bucket of a model's window, or of the whole window. Not thread-safe.</summary>
internal sealed class WindowCounts
{
    public long Requests { get; private set; }

    public long Errors { get; private set; }

    /// <summary>Completion tokens of successful attempts that reported usage.</summary>
    public long CompletionTokens { get; private set; }

    /// <summary>The time those same attempts took, in seconds.</summary>
    public double CompletionSeconds { get; private set; }

    public LatencyHistogram Latency { get; } = new();

    public LatencyHistogram TimeToFirstToken { get; } = new();

    /// <summary>Counts an attempt whose durations fall in the given <see cref="LatencyHistogram.Bin"/>s (the first-token one, when it has one).</summary>
    public void Add(in AttemptSample sample, int latencyBin, int? firstTokenBin)
    {
        Requests++;
        if (!sample.Succeeded)
        {
            Errors++;
            return;
        }

        Latency.Add(latencyBin);
        if (firstTokenBin is { } bin)
        {
            TimeToFirstToken.Add(bin);
        }

        if (sample.CompletionTokens is { } tokens)
        {
            CompletionTokens += tokens;
            CompletionSeconds += sample.Duration.TotalSeconds;
        }
    }

    public void Subtract(WindowCounts other)
    {
        Requests -= other.Requests;
        Errors -= other.Errors;
        CompletionTokens -= other.CompletionTokens;

        // Sums of doubles taken away in another order can leave a residue; an empty window has none.
        CompletionSeconds = Requests == 0 ? 0 : CompletionSeconds - other.CompletionSeconds;
        Latency.Subtract(other.Latency);
        TimeToFirstToken.Subtract(other.TimeToFirstToken);
    }

    public void Clear()
    {
        Requests = Errors = CompletionTokens = 0;
        CompletionSeconds = 0;
        Latency.Clear();
        TimeToFirstToken.Clear();
    }
}
