namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// The last step of the cascade (seed 001 §2.3: primary model, one fallback model, then local logic): answers a chat
/// completion request without a model. The answer is plainly degraded; <see cref="DegradedCompletionWriter"/> turns it
/// into an OpenAI response.
/// </summary>
public sealed class LocalFallback(
    PatternExtractor extractor,
    RiskScorer riskScorer,
    SafetyBlocklist blocklist,
    RepetitionDetector repetition,
    TemplateReplies replies)
{
    /// <summary>
    /// Answers the chat completion <paramref name="requestBody"/> locally. Risk, blocklist and the template are judged
    /// on the latest user message, extraction covers every user message. Never throws on the body's content.
    /// </summary>
    public LocalAnswer Answer(ReadOnlySpan<byte> requestBody, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var turns = UserTurns.Read(requestBody);
        var latest = turns.Count == 0 ? "" : TextNormalizer.Normalize(turns[^1]);
        var blocked = blocklist.IsBlockedNormalized(latest);
        return new LocalAnswer(
            blocked ? replies.Blocked : replies.ForNormalized(latest),
            reason,
            extractor.Extract(turns),
            riskScorer.ScoreNormalized(latest),
            blocked,
            repetition.IsRepeat(turns));
    }
}
