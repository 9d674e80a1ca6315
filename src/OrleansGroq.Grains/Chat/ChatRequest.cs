using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// What the gateway needs to know about a chat completion body, read in one pass without
/// materialising the messages. The body itself is forwarded as it came, apart from the model.
/// </summary>
public sealed record ChatRequest
{
    public required string Model { get; init; }

    /// <summary>Byte range of the <c>model</c> value (quotes included), so it can be replaced in place.</summary>
    public required Range ModelValueRange { get; init; }

    public bool Stream { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>The field <see cref="MaxTokens"/> came from, <c>max_tokens</c> or <c>max_completion_tokens</c>, for errors that name it.</summary>
    public string MaxTokensParam { get; init; } = "max_tokens";

    public double? Temperature { get; init; }

    public string? User { get; init; }

    public int MessageCount { get; init; }

    /// <summary>Characters of message text, the input for token estimates.</summary>
    public int PromptCharacters { get; init; }

    public bool HasTools { get; init; }

    public ResponseFormatKind ResponseFormat { get; init; }

    /// <summary><c>reasoning_format</c>, <c>reasoning_effort</c> or <c>include_reasoning</c> is set.</summary>
    public bool HasReasoningOptions { get; init; }

    /// <summary><c>service_tier</c> as sent: <c>on_demand</c>, <c>flex</c>, <c>auto</c> or absent.</summary>
    public string? ServiceTier { get; init; }

    /// <summary>The capabilities the body itself needs from a model.</summary>
    public ModelCapabilities NeededCapabilities =>
        ModelCapabilities.Text
        | (HasTools ? ModelCapabilities.Tools : 0)
        | (HasImages ? ModelCapabilities.Vision : 0)
        | (HasReasoningOptions ? ModelCapabilities.Reasoning : 0)
        | ResponseFormat switch
        {
            ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema => ModelCapabilities.Json,
            ResponseFormatKind.StrictJsonSchema => ModelCapabilities.Json | ModelCapabilities.StrictJson,
            _ => 0,
        };

    public bool HasImages { get; init; }
}
