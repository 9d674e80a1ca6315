namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>The shipped catalog's models the matrix tests route between.</summary>
internal static class MatrixModels
{
    /// <summary>The <c>quality</c> alias; its computed fallback is <see cref="Speed"/>.</summary>
    public const string Quality = "llama-3.3-70b-versatile";

    /// <summary>The <c>speed</c> alias and <c>auto</c>'s default; its computed fallback is <see cref="Oss20b"/>.</summary>
    public const string Speed = "llama-3.1-8b-instant";

    public const string Oss20b = "openai/gpt-oss-20b";

    public const string Vision = "meta-llama/llama-4-scout-17b-16e-instruct";

    public const string Compound = "groq/compound";
}
