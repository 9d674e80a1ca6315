namespace OrleansGroq.Abstractions.Gateway;

/// <summary>The first part of an answer: what an HTTP server sends before the body.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Headers">Response headers, content headers among them, one pair per value.</param>
[GenerateSerializer, Immutable]
public sealed record GatewayResponseStart(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers) : GatewayResponsePart;
