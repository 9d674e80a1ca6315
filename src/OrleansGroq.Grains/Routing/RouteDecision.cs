using System.Diagnostics.CodeAnalysis;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Routing;

/// <summary>
/// Where a request goes: the model to try first and at most one model to try when it fails (seed 001 §2.3: at most
/// two LLM attempts), or the error to answer with.
/// </summary>
/// <param name="Primary">The model to call; null only with an error.</param>
/// <param name="Fallback">The one model to try after a 429 or 5xx from the primary; null when the request does not allow one or none can serve it.</param>
/// <param name="Reason">A short machine-readable reason from <see cref="RouteReasons"/>, fit for a metric label.</param>
/// <param name="Error">Set when the request cannot be routed.</param>
public sealed record RouteDecision(ModelSpec? Primary, ModelSpec? Fallback, string Reason, RouteError? Error)
{
    [MemberNotNullWhen(true, nameof(Primary))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;
}
