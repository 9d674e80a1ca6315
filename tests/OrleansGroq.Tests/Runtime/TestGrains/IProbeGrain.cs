using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Tests.Runtime;

public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Yields <paramref name="yields"/> times inside the turn while counting calls in flight.</summary>
    ValueTask<int> RunAsync(int yields);

    /// <summary>The most calls ever seen in flight at once on this activation.</summary>
    ValueTask<int> GetMaxConcurrencyAsync();

    /// <summary>Signals that it entered, then waits for the probe's release.</summary>
    ValueTask BlockAsync();
}
