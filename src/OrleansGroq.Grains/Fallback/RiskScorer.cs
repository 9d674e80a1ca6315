using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// The local risk score of seed 001 §7.4: each distinct risk keyword adds <see cref="LocalFallbackOptions.RiskKeywordWeight"/>,
/// each distinct scam phrase <see cref="LocalFallbackOptions.ScamPatternWeight"/>, capped at 1. Unlike the seed's substring
/// test, words match whole (<c>bank</c> is not found in "embankment").
/// </summary>
public sealed class RiskScorer
{
    private readonly PhraseMatcher _keywords;
    private readonly PhraseMatcher _scamPatterns;
    private readonly double _keywordWeight;
    private readonly double _scamPatternWeight;

    public RiskScorer(IOptions<LocalFallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _keywords = new PhraseMatcher(settings.RiskKeywords);
        _scamPatterns = new PhraseMatcher(settings.ScamPatterns);
        _keywordWeight = settings.RiskKeywordWeight;
        _scamPatternWeight = settings.ScamPatternWeight;
    }

    /// <summary>The risk score of <paramref name="text"/>, from 0 to 1.</summary>
    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ScoreNormalized(TextNormalizer.Normalize(text));
    }

    internal double ScoreNormalized(string normalizedText)
    {
        var score = (_keywords.CountFound(normalizedText) * _keywordWeight) + (_scamPatterns.CountFound(normalizedText) * _scamPatternWeight);

        // Rounded so that three keywords report 0.3 rather than 0.30000000000000004.
        return Math.Min(1.0, Math.Round(score, 6));
    }
}
