namespace OrleansGroq.Testing.Fuzz;

/// <summary>The models fuzz cases name, and what the emulator behind the gateway must allow for a run.</summary>
internal static class FuzzUpstream
{
    public const string ChatModel = "llama-3.1-8b-instant";
    public const string ReasoningModel = "openai/gpt-oss-20b";
    public const string AudioModel = "whisper-large-v3-turbo";

    /// <summary>
    /// Every model of the emulator's catalog. The emulator must not rate-limit any of them, as the gateway's routing
    /// and fallback may pick any: a valid request refused with a 429 would hide what the run measures.
    /// </summary>
    public static readonly IReadOnlyList<string> Models =
    [
        "llama-3.1-8b-instant",
        "llama-3.3-70b-versatile",
        "openai/gpt-oss-20b",
        "openai/gpt-oss-120b",
        "meta-llama/llama-4-scout-17b-16e-instruct",
        "qwen/qwen3-32b",
        "moonshotai/kimi-k2-instruct-0905",
        "groq/compound",
        "groq/compound-mini",
        "whisper-large-v3",
        "whisper-large-v3-turbo",
    ];
}
