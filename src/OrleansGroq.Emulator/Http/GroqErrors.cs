namespace OrleansGroq.Emulator.Http;

/// <summary>The error bodies Groq sends, worded as Groq words them (see shared/reference/groq-api.md).</summary>
internal static class GroqErrors
{
    public const string InvalidRequest = "invalid_request_error";

    public static readonly GroqError InvalidApiKey = new(StatusCodes.Status401Unauthorized, "Invalid API Key", InvalidRequest, "invalid_api_key");

    public static readonly GroqError MalformedJson = new(
        StatusCodes.Status400BadRequest,
        "We could not parse the JSON body of your request. The API expects a JSON payload.",
        InvalidRequest);

    public static GroqError Invalid(string message, string? param = null) =>
        new(StatusCodes.Status400BadRequest, message, InvalidRequest, Param: param);

    /// <summary>
    /// A client's value as an error quotes it: cut at 64 characters, so a 2 MB property name is not sent back whole.
    /// The cut never splits a surrogate pair.
    /// </summary>
    public static string Quote(string value) =>
        value.Length <= 64 ? value : string.Concat(value.AsSpan(0, char.IsHighSurrogate(value[63]) ? 63 : 64), "...");

    public static GroqError NotFound(string message) => new(StatusCodes.Status404NotFound, message, InvalidRequest, "not_found");

    public static GroqError ModelNotFound(string model) => new(
        StatusCodes.Status404NotFound,
        $"The model `{Quote(model)}` does not exist or you do not have access to it.",
        InvalidRequest,
        "model_not_found");

    public static readonly GroqError ContextLengthExceeded = new(
        StatusCodes.Status400BadRequest,
        "Please reduce the length of the messages or completion.",
        InvalidRequest,
        "context_length_exceeded",
        "messages");

    public static GroqError JsonValidateFailed(string failedGeneration) => new(
        StatusCodes.Status400BadRequest,
        "Failed to generate JSON. Please adjust your prompt. See 'failed_generation' for more details.",
        InvalidRequest,
        "json_validate_failed")
    {
        FailedGeneration = failedGeneration,
    };

    public static readonly GroqError InternalServerError = new(
        StatusCodes.Status500InternalServerError,
        "Internal Server Error",
        "internal_server_error");

    public static readonly GroqError BadGateway = new(
        StatusCodes.Status502BadGateway,
        "Bad Gateway",
        "internal_server_error");

    /// <summary>What an injected <c>error_event</c> sends in the middle of a stream.</summary>
    public static readonly GroqError StreamError = new(
        StatusCodes.Status500InternalServerError,
        "The server had an error while processing your request. Please try again.",
        "internal_server_error",
        "internal_server_error");

    public static GroqError OverCapacity(string model) => new(
        StatusCodes.Status503ServiceUnavailable,
        $"{model} is currently over capacity. Please try again and back off exponentially. Visit https://groqstatus.com to see if there is an active incident.",
        "internal_server_error");

    // Groq documents 498 for flex capacity without publishing the body; this wording is the emulator's.
    public static readonly GroqError FlexCapacityExceeded = new(
        498,
        "Flex tier capacity exceeded. This is a temporary condition, please try again later or use service_tier `on_demand`.",
        "internal_server_error",
        "capacity_exceeded");
}
