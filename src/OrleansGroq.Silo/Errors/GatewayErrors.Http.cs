using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Silo.Errors;

/// <summary>The errors of the HTTP pipeline itself: requests refused before any endpoint reads them.</summary>
public static partial class GatewayErrors
{
    // A path or header is echoed back so the caller can see its mistake, never whole: it is the caller's input. A URL
    // is longer by nature than the field values EchoText cuts at 64 characters.
    private const int EchoLimit = 200;

    public static OpenAiErrorResult UnknownRoute(string method, string path, string? suggestion) =>
        new(
            StatusCodes.Status404NotFound,
            $"Unknown request URL: {method} {Echo(path)}.{(suggestion is null ? " Please check the URL for typos." : $" Did you mean {suggestion}?")}",
            "invalid_request_error",
            "unknown_url");

    public static OpenAiErrorResult MethodNotAllowed(string method, string path, string allowed) =>
        new(
            StatusCodes.Status405MethodNotAllowed,
            $"{method} is not allowed on {Echo(path)}; it accepts {allowed}.",
            "invalid_request_error",
            "method_not_allowed");

    public static OpenAiErrorResult UnsupportedMediaType(string? contentType, string path) =>
        new(
            StatusCodes.Status415UnsupportedMediaType,
            $"Content-Type '{Echo(contentType ?? "")}' is not accepted on {Echo(path)}. Send 'Content-Type: application/json' (audio transcriptions and file uploads: multipart/form-data)."
            + (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true ? " curl -d sends this type unless told otherwise with -H." : ""),
            "invalid_request_error",
            "unsupported_media_type");

    /// <summary>The request's framing or headers could not be read (malformed chunked encoding, a bad header).</summary>
    public static OpenAiErrorResult MalformedRequest(int statusCode, string detail) =>
        new(statusCode, "The request could not be read: " + Echo(detail), "invalid_request_error", statusCode == StatusCodes.Status413PayloadTooLarge ? "request_too_large" : "bad_request");

    /// <summary>An error status some component set without a body: given one, so that every error is JSON.</summary>
    public static OpenAiErrorResult Status(int statusCode) =>
        new(
            statusCode,
            $"The request failed with HTTP {statusCode} ({Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode)}).",
            statusCode < 500 ? "invalid_request_error" : "server_error",
            statusCode < 500 ? "invalid_request" : "server_error");

    public static OpenAiErrorResult Internal(string requestId) =>
        new(
            StatusCodes.Status500InternalServerError,
            $"The gateway failed to handle the request. Its log has the cause under request id {requestId}.",
            "server_error",
            "internal_error");

    public static OpenAiErrorResult CrossSiteRefused(string? origin) =>
        new(
            StatusCodes.Status403Forbidden,
            origin is null
                ? "Cross-site requests from web pages are refused: the browser said this one came from another site."
                : $"Cross-site requests from web pages are refused: origin '{Echo(origin)}' is not listed in Gateway:Cors:AllowedOrigins.",
            "invalid_request_error",
            "cross_site_request_refused");

    public static OpenAiErrorResult Overloaded(int limit, int queueLimit) =>
        new(
            StatusCodes.Status503ServiceUnavailable,
            $"The gateway is at its limit of {limit} requests in progress and {queueLimit} waiting. Please try again in 1s.",
            "server_error",
            "overloaded",
            retryAfter: TimeSpan.FromSeconds(1));

    /// <summary>
    /// The node is stopping (a rolling restart, a scale-down): the request was not read, so any other node may serve it.
    /// </summary>
    public static OpenAiErrorResult ShuttingDown() =>
        new(
            StatusCodes.Status503ServiceUnavailable,
            "This gateway node is shutting down and takes no new requests. Send the request to another node, or again in 1s.",
            "server_error",
            "shutting_down",
            retryAfter: TimeSpan.FromSeconds(1));

    private static string Echo(string value) => EchoText.Truncate(value, EchoLimit);
}
