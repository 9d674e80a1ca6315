using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// Picks the reply text of a local answer. The seed picks a template at random; here the choice is a stable hash of
/// the normalized user text, so that a retried request gets the same reply on any node (string hash codes differ per
/// process) and tests need no seeded randomness. Different messages still spread over the templates.
/// </summary>
public sealed class TemplateReplies
{
    private readonly string[] _templates;

    public TemplateReplies(IOptions<LocalFallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _templates = options.Value.Templates.Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
        Blocked = options.Value.BlockedReply;
    }

    /// <summary>The reply to a blocked request.</summary>
    public string Blocked { get; }

    /// <summary>The template for <paramref name="userText"/>: the same text, up to case and spacing, always gets the same one.</summary>
    public string For(string userText)
    {
        ArgumentNullException.ThrowIfNull(userText);
        return ForNormalized(TextNormalizer.Normalize(userText));
    }

    internal string ForNormalized(string normalizedText) => _templates[(int)(Fnv1a(normalizedText) % (uint)_templates.Length)];

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
