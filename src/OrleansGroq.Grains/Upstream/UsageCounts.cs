namespace OrleansGroq.Grains.Upstream;

/// <summary>A completion's usage as Groq reports it.</summary>
public readonly record struct UsageCounts(long PromptTokens, long CompletionTokens, long CachedTokens)
{
    /// <summary>What Groq charges against its token limits: cached prompt tokens are free.</summary>
    public long CountedTokens => Math.Max(0, PromptTokens - CachedTokens) + CompletionTokens;
}
