namespace OrleansGroq.Emulator.Completions;

/// <summary>Groq's <c>reasoning_format</c>: where reasoning goes in the response.</summary>
internal enum ReasoningFormat
{
    /// <summary>In <c>message.reasoning</c> / <c>delta.reasoning</c>.</summary>
    Parsed,

    /// <summary>Inside <c>&lt;think&gt;</c> tags at the start of the content.</summary>
    Raw,

    /// <summary>Not returned (still generated and counted).</summary>
    Hidden,
}
