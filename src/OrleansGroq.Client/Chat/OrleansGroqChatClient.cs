using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using OrleansGroq.Client.Http;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OrleansGroq.Client;

/// <summary>
/// An <see cref="IChatClient"/> for the gateway. The OpenAI SDK's adapter writes and reads the chat itself (tools,
/// streaming, JSON schema, reasoning options, usage); this client adds what the gateway adds, all of it HTTP headers:
/// <see cref="GatewayRequestOptions"/> and <c>ChatOptions.ConversationId</c> become request headers, the gateway's
/// response headers become <c>AdditionalProperties</c> (<see cref="GatewayResponseExtensions.GetGatewayInfo(ChatResponse)"/>),
/// and an error answer becomes an <see cref="OrleansGroqException"/>. Thread-safe; it never changes the caller's options.
/// </summary>
public sealed class OrleansGroqChatClient : IChatClient
{
    private readonly IChatClient _openAi;
    private readonly HttpClient? _ownedHttpClient;
    private readonly Uri _root;
    private readonly ChatClientMetadata _metadata;

    /// <summary>A client with its own <see cref="HttpClient"/>, failing over between <see cref="OrleansGroqClientOptions.Endpoints"/>.</summary>
    public OrleansGroqChatClient(OrleansGroqClientOptions options)
        : this(GatewayHttpClient.Create(options), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// A client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the gateway's root (the
    /// endpoints of <paramref name="options"/> are not used); another transport plugs in as its message handler.
    /// </summary>
    public OrleansGroqChatClient(HttpClient httpClient, OrleansGroqClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private OrleansGroqChatClient(HttpClient httpClient, OrleansGroqClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _root = httpClient.BaseAddress ?? throw new ArgumentException("The HttpClient needs a BaseAddress: the gateway's root.", nameof(httpClient));
        var openAiOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(_root, "openai/v1"),
            Transport = new HttpClientPipelineTransport(httpClient),

            // The gateway already retries, rotates keys and falls back; a 429 or 503 it answers is its last word.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
        openAiOptions.AddPolicy(GatewayCallPolicy.Instance, PipelinePosition.PerCall);

        // The authentication-policy constructor is marked for evaluation, but it is the one that can send no
        // Authorization header at all, as a gateway with no client tokens expects; OpenAI's version is pinned.
#pragma warning disable OPENAI001
        _openAi = new ChatClient(options.DefaultModel, new GatewayTokenPolicy(options.ApiKey), openAiOptions).AsIChatClient();
#pragma warning restore OPENAI001
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        _metadata = new ChatClientMetadata("orleansgroq", _root, options.DefaultModel);
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetResponseAsync(messages, options, turnUri: null, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, turnUri: null, cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : _openAi.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _openAi.Dispose();
        _ownedHttpClient?.Dispose();
    }

    /// <summary>The address of a conversation's turns, for <see cref="OrleansGroqConversationClient"/>.</summary>
    internal Uri TurnUri(string conversationId) => new(_root, $"v1/conversations/{Uri.EscapeDataString(conversationId)}/messages");

    /// <param name="turnUri">For a conversation turn (one message), its address; null for a chat completion.</param>
    internal async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, Uri? turnUri, CancellationToken cancellationToken)
    {
        var call = GatewayCall.Begin(options, turnUri);
        ChatResponse response;
        try
        {
            response = await _openAi.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException e)
        {
            throw GatewayErrors.From(e);
        }

        response.AdditionalProperties = Report(response.AdditionalProperties, call);
        response.ConversationId = ConversationOf(call);
        return response;
    }

    /// <param name="turnUri">For a conversation turn (one message), its address; null for a chat completion.</param>
    internal async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, Uri? turnUri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = GatewayCall.Begin(options, turnUri);
        var updates = _openAi.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = updates.ConfigureAwait(false);
        var first = true;
        var usageSeen = false;
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (ClientResultException e)
            {
                throw GatewayErrors.From(e);
            }

            var update = updates.Current;
            if (StreamErrorOf(update, call) is { } streamError)
            {
                throw streamError;
            }

            if (first)
            {
                update.AdditionalProperties = Report(update.AdditionalProperties, call);
                first = false;
            }

            // Groq writes a stream's usage into its last chunk and again into the usage chunk that follows it
            // (stream_options.include_usage), and ToChatResponse adds up every usage it sees: the first one counts.
            if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
            {
                if (usageSeen)
                {
                    update.Contents.Remove(usage);
                }

                usageSeen = true;
            }

            update.ConversationId = ConversationOf(call);
            yield return update;
        }
    }

    /// <summary>
    /// The gateway ends a stream it cannot finish with <c>event: error</c> and an error in OpenAI's shape. The OpenAI
    /// SDK reads past the event name and makes the error an empty chunk, whose JSON keeps the unknown <c>error</c>.
    /// </summary>
    private static OrleansGroqException? StreamErrorOf(ChatResponseUpdate update, GatewayCall call)
    {
        if (update is not { RawRepresentation: StreamingChatCompletionUpdate { CompletionId: null } raw, Contents.Count: 0 })
        {
            return null;
        }

        var json = ((IPersistableModel<StreamingChatCompletionUpdate>)raw).Write(ModelReaderWriterOptions.Json);
        var requestId = call.Reported?.TryGetValue(GatewayHeaderNames.RequestId, out var id) is true ? id as string : null;
        var error = GatewayErrors.Create(200, json.ToMemory().Span, retryAfter: null, requestId, inner: null);
        return error.Code is null && error.Type is null ? null : error;
    }

    private static AdditionalPropertiesDictionary? Report(AdditionalPropertiesDictionary? properties, GatewayCall call)
    {
        if (call.Reported is not { Count: > 0 } reported)
        {
            return properties;
        }

        properties ??= [];
        foreach (var (name, value) in reported)
        {
            properties[name] = value;
        }

        return properties;
    }

    // The gateway keeps the history of a conversation's turns: a response that names its conversation tells
    // UseFunctionInvocation to send only the new messages (the tool results) in the next request.
    private static string? ConversationOf(GatewayCall call) =>
        call.Reported?.TryGetValue(GatewayHeaderNames.Conversation, out var id) is true ? id as string : null;
}
