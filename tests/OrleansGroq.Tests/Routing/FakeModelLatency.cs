using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Tests.Routing;

/// <summary>Live latencies set by the test; a model not set has not been measured.</summary>
internal sealed class FakeModelLatency : IModelLatency
{
    private readonly Dictionary<string, ModelLatency> _latency = new(StringComparer.Ordinal);

    public FakeModelLatency Set(string modelId, double p50Ms, long samples = 20)
    {
        _latency[modelId] = new ModelLatency(samples, p50Ms, p50Ms * 1.5);
        return this;
    }

    public bool TryGetLatency(string modelId, out ModelLatency latency) => _latency.TryGetValue(modelId, out latency);
}
