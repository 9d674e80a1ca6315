namespace OrleansGroq.Abstractions.Gateway;

/// <summary>Bytes of an answer's body, in the order and pieces the pipeline wrote them (a streamed answer's events).</summary>
/// <param name="Bytes">Never empty; never changed once sent.</param>
[GenerateSerializer, Immutable]
public sealed record GatewayResponseChunk(byte[] Bytes) : GatewayResponsePart;
