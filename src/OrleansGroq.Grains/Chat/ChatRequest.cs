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

    public double? Temperature { get; init; }

    public string? User { get; init; }

    public int MessageCount { get; init; }

    /// <summary>Characters of message text, the input for token estimates.</summary>
    public int PromptCharacters { get; init; }

    public bool HasTools { get; init; }

    public bool HasResponseFormat { get; init; }

    public bool HasImages { get; init; }
}
