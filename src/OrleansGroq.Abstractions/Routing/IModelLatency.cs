namespace OrleansGroq.Abstractions.Routing;

/// <summary>
/// How fast each model has answered lately on this silo, so that a request with a latency budget goes to the fastest
/// model. Implemented by the live model statistics; called on the request path, so it reads a snapshot.
/// </summary>
public interface IModelLatency
{
    /// <summary>The model's recent latency; false when no attempt of it succeeded lately.</summary>
    bool TryGetLatency(string modelId, out ModelLatency latency);
}
