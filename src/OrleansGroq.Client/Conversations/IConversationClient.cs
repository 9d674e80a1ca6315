using Microsoft.Extensions.AI;

namespace OrleansGroq.Client;

/// <summary>
/// Conversations the gateway keeps: it holds the history, the model and a sticky key, so each turn sends only its new
/// message. Errors are <see cref="OrleansGroqException"/>s; another tenant's conversation is as missing as one never made.
/// </summary>
public interface IConversationClient
{
    /// <summary>Creates a conversation.</summary>
    Task<GatewayConversation> CreateAsync(ConversationCreateOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a turn: <paramref name="message"/> (a user message, or a tool result) after the stored history, and the
    /// reply stored with it. <paramref name="options"/> carry the completion's settings (tools, max tokens, response
    /// format, ...) and gateway options, e.g. an idempotency key that makes a retry safe.
    /// </summary>
    Task<ChatResponse> SendAsync(string conversationId, ChatMessage message, ChatOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a turn as <see cref="SendAsync"/> does, streamed; it is stored when the stream ends well.</summary>
    IAsyncEnumerable<ChatResponseUpdate> SendStreamingAsync(
        string conversationId, ChatMessage message, ChatOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The conversation with its history, or null when there is none of that id.</summary>
    Task<GatewayConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>A page of conversations, oldest first, without their messages.</summary>
    /// <param name="after">The last id of the previous page.</param>
    /// <param name="limit">1 to 100; the gateway's default is 20.</param>
    Task<ConversationPage> ListAsync(string? after = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the conversation; false when there was none of that id.</summary>
    Task<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default);
}
