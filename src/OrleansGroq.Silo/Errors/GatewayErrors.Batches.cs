using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Silo.Errors;

/// <summary>The errors of the Files and Batches routes in pass-through mode.</summary>
public static partial class GatewayErrors
{
    /// <summary>
    /// An id the caller's tenant does not own: unknown to the gateway, deleted, or another tenant's, which must not be
    /// told apart, so that ids cannot be probed.
    /// </summary>
    public static OpenAiErrorResult FileNotFound(string id) =>
        new(StatusCodes.Status404NotFound, $"No file found with id '{EchoText.Truncate(id)}'.", "invalid_request_error", "file_not_found", "file_id");

    /// <inheritdoc cref="FileNotFound"/>
    public static OpenAiErrorResult BatchNotFound(string id) =>
        new(StatusCodes.Status404NotFound, $"No batch found with id '{EchoText.Truncate(id)}'.", "invalid_request_error", "batch_not_found", "batch_id");

    /// <summary>A batch's <c>input_file_id</c> names no file of the caller's tenant.</summary>
    public static OpenAiErrorResult InputFileNotFound(string id) =>
        InvalidRequest($"'input_file_id' names no file of yours: no file found with id '{EchoText.Truncate(id)}'. Upload it with POST /files first.", "input_file_id", "file_not_found");

    /// <summary>A batch's <c>input_file_id</c> names a file that is not a batch input, such as another batch's output.</summary>
    public static OpenAiErrorResult InputFileNotForBatch(string id, string? purpose) =>
        InvalidRequest(
            $"'input_file_id' must name a file uploaded with purpose 'batch', but '{EchoText.Truncate(id)}' has purpose '{EchoText.Truncate(purpose ?? "")}'.",
            "input_file_id",
            "invalid_file_purpose");

    /// <summary>A Files or Batches call to Groq did not answer within <c>Batches:UpstreamTimeout</c>.</summary>
    public static OpenAiErrorResult ObjectCallTimeout(TimeSpan timeout) =>
        new(StatusCodes.Status504GatewayTimeout, $"The upstream provider did not answer within {timeout.TotalSeconds:0.###}s.", "server_error", "upstream_timeout");

    /// <summary>
    /// Groq refused the gateway's key on a Files or Batches call. Relaying Groq's 401 would tell the client its gateway
    /// token is wrong; it is fine, and the key is taken out of the pool.
    /// </summary>
    public static OpenAiErrorResult UpstreamKeyRejected() =>
        new(
            StatusCodes.Status502BadGateway,
            "The upstream provider rejected the gateway's API key for this call. Your gateway token is fine; please try again, or ask the gateway's operator to check its Groq keys.",
            "server_error",
            "upstream_key_rejected");

    /// <summary>Every key of the Groq organization that holds a file or batch is disabled or no longer configured.</summary>
    public static OpenAiErrorResult NoKeyForObject() =>
        new(
            StatusCodes.Status503ServiceUnavailable,
            "No usable upstream API key is left for the Groq organization that holds this object: its keys were rejected by the provider or removed from the gateway.",
            "server_error",
            "no_upstream_key");

    /// <summary>A cancel of a batch that has finished already (cluster mode), as Groq refuses it.</summary>
    public static OpenAiErrorResult BatchNotCancellable(string status) =>
        new(StatusCodes.Status409Conflict, $"Cannot cancel a batch with status '{status}'.", "invalid_request_error", "batch_not_cancellable");
}
