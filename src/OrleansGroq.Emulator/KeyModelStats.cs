namespace OrleansGroq.Emulator;

/// <summary>
/// What the emulator saw for one key alias and model (authenticated chat and transcription requests).
/// In <see cref="EmulatorStats.Totals"/> both <see cref="Key"/> and <see cref="Model"/> are <c>*</c>.
/// </summary>
public sealed record KeyModelStats
{
    /// <summary>Key alias (never the secret).</summary>
    public required string Key { get; init; }

    /// <summary>Model id as requested (empty when the body named none).</summary>
    public required string Model { get; init; }

    /// <summary>Every authenticated request.</summary>
    public long Requests { get; init; }

    /// <summary>Requests answered successfully to the end.</summary>
    public long Served { get; init; }

    /// <summary>429s sent.</summary>
    public long RateLimited { get; init; }

    /// <summary>413s sent.</summary>
    public long TooLarge { get; init; }

    /// <summary>Every other 4xx/5xx, injected faults and broken streams.</summary>
    public long Errors { get; init; }

    /// <summary>Prompt tokens of generated answers, cached ones included.</summary>
    public long PromptTokens { get; init; }

    /// <summary>Completion tokens of generated answers.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Prompt tokens served from the prompt cache.</summary>
    public long CachedTokens { get; init; }
}
