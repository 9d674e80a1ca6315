using OrleansGroq.Abstractions.Conversations;

namespace OrleansGroq.Silo.Errors;

/// <summary>The error events the gateway ends a stream with, so each has one wording.</summary>
public static class StreamErrors
{
    public static readonly SseErrorEvent UpstreamInterrupted = new(
        StatusCodes.Status502BadGateway, "The upstream stream was interrupted before it completed.", "server_error", "upstream_stream_interrupted");

    public static readonly SseErrorEvent UpstreamMalformed = new(
        StatusCodes.Status502BadGateway,
        "The upstream sent a stream chunk that is not valid JSON, so the stream was ended there.",
        "server_error",
        "upstream_stream_malformed");

    public static readonly SseErrorEvent UpstreamIncomplete = new(
        StatusCodes.Status502BadGateway,
        "The upstream ended the stream without a finish_reason, so the answer is incomplete and was not stored.",
        "server_error",
        "upstream_stream_incomplete");

    /// <summary>The conversation's grain refused to store a streamed reply the client has already read.</summary>
    public static SseErrorEvent ReplyNotStored(string conversationId, TurnStatus status) => status == TurnStatus.NotFound
        ? new(StatusCodes.Status404NotFound, DeletedWhileRunning(conversationId), "invalid_request_error", "conversation_not_found")
        : new(StatusCodes.Status409Conflict, ChangedWhileRunning(conversationId), "invalid_request_error", "conversation_conflict");

    /// <summary>The conversation's grain could not be reached to store a streamed reply the client has already read.</summary>
    public static SseErrorEvent ConversationUnavailable(string conversationId) =>
        new(StatusCodes.Status503ServiceUnavailable, UnavailableMessage(conversationId), "server_error", "conversation_unavailable");

    internal static string DeletedWhileRunning(string conversationId) =>
        $"The answer was not stored: conversation '{conversationId}' was deleted while this turn ran.";

    internal static string ChangedWhileRunning(string conversationId) =>
        $"The answer was not stored: this turn on conversation '{conversationId}' outlived its turn lease or the node that held the conversation. Send the message again.";

    internal static string UnavailableMessage(string conversationId) =>
        $"The node holding conversation '{conversationId}' could not be reached, so this answer may not be stored. Send the turn again with the same Idempotency-Key: a stored answer is returned, not run again.";
}
