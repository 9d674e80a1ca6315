namespace OrleansGroq.Emulator;

/// <summary>One entry of the model catalog (see <c>emulator.defaults.json</c>).</summary>
public sealed class ModelOptions
{
    /// <summary>Model id as clients name it, e.g. <c>openai/gpt-oss-20b</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The <c>owned_by</c> field of <c>/models</c>.</summary>
    public string OwnedBy { get; set; } = "";

    /// <summary>Unix seconds, the <c>created</c> field of <c>/models</c>.</summary>
    public long Created { get; set; }

    /// <summary>Whether <c>/models</c> reports the model as active.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Context window in tokens.</summary>
    public int ContextWindow { get; set; }

    /// <summary>Largest accepted <c>max_tokens</c>.</summary>
    public int MaxCompletionTokens { get; set; }

    /// <summary>Nominal output speed in tokens per second.</summary>
    public double Speed { get; set; }

    /// <summary>Queue time reported in usage and waited under the <c>realistic</c> profile.</summary>
    public int QueueTimeMs { get; set; }

    /// <summary>Extra wait before the first token under the <c>realistic</c> profile.</summary>
    public int TimeToFirstTokenMs { get; set; }

    /// <summary>Produces reasoning (<c>message.reasoning</c>, reasoning tokens).</summary>
    public bool Reasoning { get; set; }

    /// <summary>Reports cached prompt tokens for repeated prefixes.</summary>
    public bool PromptCaching { get; set; }

    /// <summary>Accepts <c>json_schema</c> with <c>strict: true</c>.</summary>
    public bool StrictJson { get; set; }

    /// <summary>Accepts image content parts.</summary>
    public bool Vision { get; set; }

    /// <summary>A speech-to-text model, served by <c>/audio/transcriptions</c> only.</summary>
    public bool Audio { get; set; }

    /// <summary>A Groq compound system.</summary>
    public bool Compound { get; set; }

    /// <summary>Free-tier limits every account gets unless it configures its own.</summary>
    public ModelLimits Limits { get; set; } = ModelLimits.Unlimited;
}
