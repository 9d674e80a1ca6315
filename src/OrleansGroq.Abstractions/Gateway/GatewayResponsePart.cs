namespace OrleansGroq.Abstractions.Gateway;

/// <summary>A part of an answer from <see cref="IGatewayRequestGrain"/>: its start, or a piece of its body.</summary>
[GenerateSerializer, Immutable]
public abstract record GatewayResponsePart;
