using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Grains.Quota;

/// <summary>
/// The tokens a chat request reserves: reserve = prompt estimate × (1 + <c>PromptEstimateMargin</c>) + completion reserve,
/// where the completion reserve
/// is <c>ceil(MaxTokensShare × max_tokens)</c> (at most <c>max_tokens</c>; all of it by default, because Groq admits a
/// request only when its prompt plus <c>max_tokens</c> fit the TPM bucket), or <c>DefaultCompletionTokens</c> when
/// the request sets no <c>max_tokens</c> (Groq then checks nothing for the completion, but counts what is generated).
/// The reservation only holds budget until the request is settled with Groq's own count.
/// </summary>
public sealed class QuotaTokenEstimator(IOptions<QuotaOptions> options)
{
    /// <summary>The reservation for a chat request, its prompt estimated from its characters and messages.</summary>
    public long Reserve(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Reserve(PromptTokens(request), request.MaxTokens);
    }

    /// <summary>The reservation for a prompt of <paramref name="promptTokens"/> and the request's <c>max_tokens</c>, if set.</summary>
    public long Reserve(long promptTokens, int? maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        var settings = options.Value;
        var completion = maxTokens is { } max
            ? (long)Math.Ceiling(Math.Max(0, max) * settings.MaxTokensShare)
            : settings.DefaultCompletionTokens;
        // Rounded to a millionth first, so that floating-point noise (50 × 0.1 = 5.000000000000001) does not add a token.
        var margin = (long)Math.Ceiling(Math.Round(promptTokens * settings.PromptEstimateMargin, 6));
        return promptTokens + margin + completion;
    }

    /// <summary>The prompt estimate: all message text as one message, plus the framing of every further message.</summary>
    public static long PromptTokens(ChatRequest request) =>
        TokenEstimate.ForMessage(request.PromptCharacters) + ((long)Math.Max(0, request.MessageCount - 1) * TokenEstimate.ForMessage(0));
}
