using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Tests.Routing;

/// <summary>Headroom set per model by the test; every other model has its full budget. Records which models were asked about.</summary>
internal sealed class FakeModelHeadroom : IModelHeadroom
{
    private readonly Dictionary<string, double> _remaining = new(StringComparer.Ordinal);

    public List<string> Asked { get; } = [];

    public FakeModelHeadroom Set(string modelId, double remaining)
    {
        _remaining[modelId] = remaining;
        return this;
    }

    public double RemainingFraction(string modelId)
    {
        Asked.Add(modelId);
        return _remaining.GetValueOrDefault(modelId, 1.0);
    }
}
