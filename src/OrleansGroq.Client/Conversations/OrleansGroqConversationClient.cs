using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OrleansGroq.Client.Conversations;
using OrleansGroq.Client.Http;

namespace OrleansGroq.Client;

/// <summary>
/// <see cref="IConversationClient"/> over the gateway's <c>/v1/conversations</c> API. A turn goes through
/// <see cref="OrleansGroqChatClient"/>, so it takes the same tools, streaming, options and errors as a chat completion.
/// </summary>
public sealed class OrleansGroqConversationClient : IConversationClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly OrleansGroqChatClient _chat;

    /// <summary>A client with its own <see cref="HttpClient"/>, failing over between <see cref="OrleansGroqClientOptions.Endpoints"/>.</summary>
    public OrleansGroqConversationClient(OrleansGroqClientOptions options)
        : this(GatewayHttpClient.Create(options), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// A client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the gateway's root (the
    /// endpoints of <paramref name="options"/> are not used); another transport plugs in as its message handler.
    /// </summary>
    public OrleansGroqConversationClient(HttpClient httpClient, OrleansGroqClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private OrleansGroqConversationClient(HttpClient httpClient, OrleansGroqClientOptions options, bool ownsHttpClient)
    {
        _chat = new OrleansGroqChatClient(httpClient, options);
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _authorization = options.ApiKey is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;
    }

    /// <inheritdoc />
    public async Task<GatewayConversation> CreateAsync(ConversationCreateOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(ConversationJson.WriteCreate(options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var json = await SendAsync(HttpMethod.Post, "v1/conversations", content, cancellationToken).ConfigureAwait(false);
        return ConversationJson.ReadConversation(json!.RootElement);
    }

    /// <inheritdoc />
    public Task<ChatResponse> SendAsync(string conversationId, ChatMessage message, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _chat.GetResponseAsync([OneMessage(message)], options, _chat.TurnUri(conversationId), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> SendStreamingAsync(
        string conversationId, ChatMessage message, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _chat.GetStreamingResponseAsync([OneMessage(message)], options, _chat.TurnUri(conversationId), cancellationToken);

    /// <inheritdoc />
    public async Task<GatewayConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Get, Path(conversationId), null, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return json is null ? null : ConversationJson.ReadConversation(json.RootElement);
    }

    /// <inheritdoc />
    public async Task<ConversationPage> ListAsync(string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join('&', new[] { after is null ? null : $"after={Uri.EscapeDataString(after)}", limit is null ? null : $"limit={limit}" }.OfType<string>());
        using var json = await SendAsync(HttpMethod.Get, query.Length == 0 ? "v1/conversations" : $"v1/conversations?{query}", null, cancellationToken).ConfigureAwait(false);
        return ConversationJson.ReadPage(json!.RootElement);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Delete, Path(conversationId), null, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return json is not null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _chat.Dispose();
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    /// <summary>
    /// The conversation API takes one message a turn, so one tool result; a chat completion with
    /// <c>ChatOptions.ConversationId</c> (<c>x-conversation-id</c>) takes several.
    /// </summary>
    private static ChatMessage OneMessage(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Role == ChatRole.Tool && message.Contents.OfType<FunctionResultContent>().Count() != 1
            ? throw new ArgumentException("A turn carries one tool result; for several, call the chat client with ChatOptions.ConversationId.", nameof(message))
            : message;
    }

    private static string Path(string conversationId) => $"v1/conversations/{Uri.EscapeDataString(conversationId)}";

    /// <returns>
    /// The answer's JSON (an empty object for 204); null for <c>conversation_not_found</c> when <paramref name="notFoundIsNull"/>
    /// (a 404 of a wrong address is an error still).
    /// </returns>
    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await GatewayErrors.FromAsync(response, cancellationToken).ConfigureAwait(false);
            return notFoundIsNull && error.Code == "conversation_not_found" ? null : throw error;
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return JsonDocument.Parse("{}");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
