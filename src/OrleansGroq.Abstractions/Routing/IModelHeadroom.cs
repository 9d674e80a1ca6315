namespace OrleansGroq.Abstractions.Routing;

/// <summary>
/// How much of a model's rate-limit budget is left, so that the router can steer requests away from a model before
/// it starts answering 429. Implemented by the quota feature; called on the request path, so it must be cheap.
/// </summary>
public interface IModelHeadroom
{
    /// <summary>The remaining share of the model's tightest budget: 1.0 is untouched, 0 is exhausted.</summary>
    double RemainingFraction(string modelId);
}
