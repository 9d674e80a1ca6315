using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Silo.Errors;

/// <summary>The errors the gateway itself answers with, so each has one wording.</summary>
public static partial class GatewayErrors
{
    public static OpenAiErrorResult InvalidRequest(string message, string? param, string code) =>
        new(StatusCodes.Status400BadRequest, message, "invalid_request_error", code, param);

    public static OpenAiErrorResult InvalidRequest(ChatRequestError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return InvalidRequest(error.Message, error.Param, error.Code);
    }

    public static OpenAiErrorResult InvalidJson() =>
        InvalidRequest("We could not parse the JSON body of your request. The body must be a valid JSON object.", null, "invalid_json");

    /// <summary>A multipart upload that cannot be read: its boundary, framing or part headers are wrong.</summary>
    public static OpenAiErrorResult InvalidMultipart(string message) => InvalidRequest(message, null, "invalid_multipart");

    public static OpenAiErrorResult Unauthorized(string message) =>
        new(StatusCodes.Status401Unauthorized, message, "invalid_request_error", "invalid_api_key");

    public static OpenAiErrorResult ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, $"The model `{EchoText.Truncate(model)}` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", "model");

    public static OpenAiErrorResult ConversationNotFound(string id) =>
        new(StatusCodes.Status404NotFound, $"No conversation found with id '{id}'.", "invalid_request_error", "conversation_not_found", "conversation_id");

    public static OpenAiErrorResult InvalidConversationId(string id) =>
        new(StatusCodes.Status400BadRequest, $"'{EchoText.Truncate(id)}' is not a conversation id (expected conv_ followed by 26 characters).", "invalid_request_error", "invalid_conversation_id", "conversation_id");

    public static OpenAiErrorResult ConversationBusy(string id, TimeSpan retryAfter) =>
        new(
            StatusCodes.Status429TooManyRequests,
            $"Too many turns are waiting on conversation '{id}'. Please try again in {Math.Ceiling(retryAfter.TotalSeconds)}s.",
            "requests",
            "conversation_busy",
            retryAfter: retryAfter);

    /// <summary>A turn answered by the grain but not stored (non-streamed; a stream ends with <see cref="StreamErrors.ReplyNotStored"/>).</summary>
    public static OpenAiErrorResult ReplyNotStored(string id, TurnStatus status) => status == TurnStatus.NotFound
        ? new(StatusCodes.Status404NotFound, StreamErrors.DeletedWhileRunning(id), "invalid_request_error", "conversation_not_found", "conversation_id")
        : new(StatusCodes.Status409Conflict, StreamErrors.ChangedWhileRunning(id), "invalid_request_error", "conversation_conflict");

    /// <summary>The conversation's grain could not be reached to store the turn: its silo died, most likely.</summary>
    public static OpenAiErrorResult ConversationUnavailable(string id) =>
        new(StatusCodes.Status503ServiceUnavailable, StreamErrors.UnavailableMessage(id), "server_error", "conversation_unavailable", retryAfter: TimeSpan.FromSeconds(1));

    public static OpenAiErrorResult InvalidIdempotencyKey(int maxLength) =>
        InvalidRequest($"'Idempotency-Key' must be one value of 1 to {maxLength} printable ASCII characters.", "Idempotency-Key", "invalid_idempotency_key");

    public static OpenAiErrorResult IdempotencyKeyReused(string id) =>
        new(
            StatusCodes.Status422UnprocessableEntity,
            $"This Idempotency-Key was already used on conversation '{id}' with a different request. Use a new key for a new turn.",
            "invalid_request_error",
            "idempotency_key_reused",
            "Idempotency-Key");

    public static OpenAiErrorResult BodyTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {limit} bytes.", "invalid_request_error", "request_too_large");

    public static OpenAiErrorResult AllKeysRateLimited(string? model, TimeSpan retryAfter) =>
        new(
            StatusCodes.Status429TooManyRequests,
            $"Every upstream key{(string.IsNullOrEmpty(model) ? "" : $" that can serve `{model}`")} is rate limited. Please try again in {Math.Ceiling(retryAfter.TotalSeconds)}s.",
            "requests",
            "rate_limit_exceeded",
            retryAfter: retryAfter);

    public static OpenAiErrorResult QuotaExhausted(string model, TimeSpan retryAfter) =>
        new(
            StatusCodes.Status429TooManyRequests,
            $"The rate limits of every account that can serve `{model}` are used up for now. Please try again in {Math.Ceiling(retryAfter.TotalSeconds)}s.",
            "requests",
            "rate_limit_exceeded",
            retryAfter: retryAfter);

    public static OpenAiErrorResult TooLargeForLimits(string model) =>
        new(
            StatusCodes.Status413PayloadTooLarge,
            $"The request needs more tokens (prompt plus max_tokens) than the token limit of `{model}` allows. Reduce the messages or max_tokens.",
            "tokens",
            "rate_limit_exceeded",
            "messages");

    public static OpenAiErrorResult NoUsableKey() =>
        new(StatusCodes.Status503ServiceUnavailable, "No upstream API key is usable: every configured key was rejected by the provider.", "server_error", "no_upstream_key");

    /// <summary>
    /// A grain call failed because the silo it went to died or stopped answering. The membership declares such a silo
    /// dead within about a second, and its grains come back on the survivors right after, so a retry soon succeeds.
    /// </summary>
    public static OpenAiErrorResult ClusterUnavailable() =>
        new(
            StatusCodes.Status503ServiceUnavailable,
            "A node of the gateway's cluster became unavailable or did not answer in time while handling the request. Please try again in 2s.",
            "server_error",
            "cluster_unavailable",
            retryAfter: TimeSpan.FromSeconds(2));

    public static OpenAiErrorResult StorageUnavailable() =>
        new(
            StatusCodes.Status503ServiceUnavailable,
            "The gateway's database could not take the request just now. Please try again in 2s.",
            "server_error",
            "storage_unavailable",
            retryAfter: TimeSpan.FromSeconds(2));

    public static OpenAiErrorResult UpstreamTimeout(TimeSpan sla) =>
        new(StatusCodes.Status504GatewayTimeout, $"The upstream provider did not answer within the latency SLA of {sla.TotalSeconds:0.###}s.", "server_error", "upstream_timeout");

    public static OpenAiErrorResult UpstreamUnreachable() =>
        new(StatusCodes.Status502BadGateway, "The upstream provider could not be reached.", "server_error", "upstream_unreachable");

    public static OpenAiErrorResult CircuitOpen(string model, TimeSpan? retryAfter) =>
        new(StatusCodes.Status503ServiceUnavailable, $"The upstream provider is failing for `{model}`; requests are paused for a moment.", "server_error", "upstream_circuit_open", retryAfter: retryAfter ?? TimeSpan.FromSeconds(1));

    public static OpenAiErrorResult RouteFailed(int statusCode, string message, string? param, string code) =>
        new(statusCode, message, "invalid_request_error", code, param);

    /// <summary>The LLM attempts failed and the request or its tenant refuses a local answer.</summary>
    public static OpenAiErrorResult DegradedRefused(string model, string cause, TimeSpan retryAfter) =>
        new(
            StatusCodes.Status503ServiceUnavailable,
            $"No model could answer for `{model}` ({cause.Replace('_', ' ')}), and degraded local answers are refused for this request. Please try again in {Math.Ceiling(retryAfter.TotalSeconds)}s.",
            "server_error",
            cause,
            retryAfter: retryAfter);

    /// <summary>
    /// The LLM attempts failed, the second on the backup provider, and the request refuses a local answer. The backup's
    /// own 401 or 5xx is never relayed: the client would read it as its gateway token being wrong, or as Groq failing.
    /// </summary>
    public static OpenAiErrorResult BackupFailed(string model, bool keyRejected, TimeSpan retryAfter) => keyRejected
        ? new(
            StatusCodes.Status502BadGateway,
            $"No model could answer for `{model}`: Groq failed, and the backup provider rejected the gateway's own API key for it (Backup:ApiKey). Your gateway token is fine; the gateway's operator must fix the backup key.",
            "server_error",
            "backup_unauthorized")
        : new(
            StatusCodes.Status502BadGateway,
            $"No model could answer for `{model}`: Groq failed, and so did the backup provider (a server error). Please try again in {Math.Ceiling(retryAfter.TotalSeconds)}s.",
            "server_error",
            "backup_error",
            retryAfter: retryAfter);

    public static OpenAiErrorResult TenantRateLimited(string tenant, TimeSpan retryAfter) =>
        new(
            StatusCodes.Status429TooManyRequests,
            $"Tenant '{tenant}' has used its own share of the rate limits for now. Please try again in {Math.Ceiling(retryAfter.TotalSeconds)}s.",
            "requests",
            "tenant_rate_limit_exceeded",
            retryAfter: retryAfter);

    public static OpenAiErrorResult TenantLimitTooSmall(string tenant) =>
        new(
            StatusCodes.Status413PayloadTooLarge,
            $"The request needs more tokens (prompt plus max_tokens) than tenant '{tenant}' may use in a minute. Reduce the messages or max_tokens.",
            "tokens",
            "tenant_rate_limit_exceeded",
            "messages");
}
