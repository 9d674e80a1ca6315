using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// The local stand-in for a safeguard model (seed 001 §7.2): a request whose text holds a blocklisted phrase
/// (<see cref="LocalFallbackOptions.Blocklist"/>, whole phrases, any case, any spacing) is refused.
/// </summary>
public sealed class SafetyBlocklist
{
    private readonly PhraseMatcher _phrases;

    public SafetyBlocklist(IOptions<LocalFallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _phrases = new PhraseMatcher(options.Value.Blocklist);
    }

    public bool IsBlocked(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsBlockedNormalized(TextNormalizer.Normalize(text));
    }

    internal bool IsBlockedNormalized(string normalizedText) => _phrases.AnyFound(normalizedText);
}
