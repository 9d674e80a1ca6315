using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OrleansGroq.Client.Http;

/// <summary>
/// One call of the chat client as the OpenAI pipeline sees it: the gateway headers to send, the conversation turn it
/// is (if any), and the gateway headers that came back. The OpenAI adapter takes no per-call request options, so the
/// call travels to <see cref="GatewayCallPolicy"/> in an <see cref="AsyncLocal{T}"/>; set inside the client's own
/// async method, it does not leak to the caller or to other calls.
/// </summary>
internal sealed class GatewayCall
{
    private static readonly AsyncLocal<GatewayCall?> CurrentCall = new();

    private readonly List<KeyValuePair<string, string>> _headers;
    private readonly Uri? _turnUri;

    private GatewayCall(List<KeyValuePair<string, string>> headers, Uri? turnUri)
    {
        _headers = headers;
        _turnUri = turnUri;
    }

    public static GatewayCall? Current => CurrentCall.Value;

    /// <summary>The gateway headers the response carried, under their lower-case names; set once the answer arrived.</summary>
    public AdditionalPropertiesDictionary? Reported { get; private set; }

    /// <summary>Starts a call in the current async flow.</summary>
    /// <param name="turnUri">For a conversation turn, its <c>/v1/conversations/{id}/messages</c> address.</param>
    public static GatewayCall Begin(ChatOptions? options, Uri? turnUri)
    {
        var call = new GatewayCall(HeadersOf(options, isTurn: turnUri is not null), turnUri);
        CurrentCall.Value = call;
        return call;
    }

    /// <summary>Adds the headers, and turns a chat completion request into the conversation turn it stands for.</summary>
    public void Apply(PipelineRequest request)
    {
        foreach (var (name, value) in _headers)
        {
            request.Headers.Set(name, value);
        }

        if (_turnUri is not null)
        {
            request.Uri = _turnUri;
            request.Content = TurnBody(request.Content!);
        }
    }

    public void Capture(PipelineResponse? response)
    {
        if (response is null)
        {
            return;
        }

        var reported = new AdditionalPropertiesDictionary();
        foreach (var (name, value) in response.Headers)
        {
            if (GatewayHeaderNames.IsReported(name))
            {
                reported[name.ToLowerInvariant()] = value;
            }
        }

        Reported = reported;
    }

    private static List<KeyValuePair<string, string>> HeadersOf(ChatOptions? options, bool isTurn)
    {
        var headers = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                headers.Add(new(name, value));
            }
        }

        static string? Milliseconds(TimeSpan? span) =>
            span is { } s ? ((long)Math.Ceiling(s.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) : null;

        if (!isTurn)
        {
            Add(GatewayHeaderNames.ConversationId, options?.ConversationId);
        }

        if (options.GetGateway() is not { } gateway)
        {
            return headers;
        }

        Add(GatewayHeaderNames.SessionId, gateway.SessionId);
        Add(GatewayHeaderNames.Priority, gateway.Priority switch { GatewayPriority.Batch => "batch", GatewayPriority.Interactive => "interactive", _ => null });
        Add(GatewayHeaderNames.MaxWaitMs, Milliseconds(gateway.MaxWait));
        Add(GatewayHeaderNames.Degraded, gateway.AllowDegraded switch { true => "allow", false => "refuse", null => null });
        Add(GatewayHeaderNames.MaxLatencyMs, Milliseconds(gateway.MaxLatency));
        Add(GatewayHeaderNames.Needs, gateway.Needs == GatewayNeeds.None ? null : NeedsList(gateway.Needs));
        Add(GatewayHeaderNames.CostSensitive, gateway.CostSensitive switch { true => "true", false => "false", null => null });
        Add(GatewayHeaderNames.IdempotencyKey, gateway.IdempotencyKey);
        return headers;
    }

    private static string NeedsList(GatewayNeeds needs) => string.Join(',', new[]
    {
        (GatewayNeeds.Tools, "tools"), (GatewayNeeds.Json, "json"), (GatewayNeeds.StrictJson, "strict_json"),
        (GatewayNeeds.Vision, "vision"), (GatewayNeeds.Reasoning, "reasoning"),
    }.Where(n => needs.HasFlag(n.Item1)).Select(n => n.Item2));

    /// <summary>
    /// A turn's body is the chat body's completion fields with its one message at the top level; the conversation
    /// has its own model and history.
    /// </summary>
    private static BinaryContent TurnBody(BinaryContent chatBody)
    {
        using var buffer = new MemoryStream();
        chatBody.WriteTo(buffer);
        var body = JsonNode.Parse(buffer.ToArray())!.AsObject();
        var message = body["messages"]!.AsArray().Single()!.AsObject();
        body.Remove("messages");
        body.Remove("model");
        foreach (var (name, value) in message)
        {
            body[name] = value?.DeepClone();
        }

        return BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
    }
}
