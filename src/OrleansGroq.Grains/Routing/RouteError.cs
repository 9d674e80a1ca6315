namespace OrleansGroq.Grains.Routing;

/// <summary>Why a request cannot be routed, in the terms of OpenAI's error object (type <c>invalid_request_error</c>).</summary>
public sealed record RouteError(int StatusCode, string Message, string? Param, string Code);
