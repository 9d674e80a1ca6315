namespace OrleansGroq.Abstractions.Gateway;

/// <summary>An HTTP request to run through the gateway's pipeline (<see cref="IGatewayRequestGrain"/>).</summary>
/// <param name="Method">The HTTP method, such as <c>POST</c>.</param>
/// <param name="PathAndQuery">The escaped path and query, such as <c>/openai/v1/chat/completions</c>.</param>
/// <param name="Host">The <c>Host</c> header: the authority the client addressed.</param>
/// <param name="Headers">Request and content headers, one pair per value.</param>
/// <param name="Body">The whole request body (empty when there is none); never changed once sent.</param>
[GenerateSerializer, Immutable]
public sealed record GatewayRequest(string Method, string PathAndQuery, string Host, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
