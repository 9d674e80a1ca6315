namespace OrleansGroq.Abstractions.Quota;

/// <summary>Budget a node gives back to the shared buckets.</summary>
/// <param name="Requests">Requests to add back; negative to charge requests used beyond what was leased.</param>
/// <param name="Tokens">Tokens to add back; negative to charge usage beyond what was leased.</param>
/// <param name="Ceilings">Ceilings to apply first, so that a return also calibrates without a statement of its own.</param>
[GenerateSerializer, Immutable]
public sealed record QuotaReturn(long Requests, long Tokens, QuotaCeilings? Ceilings = null);
