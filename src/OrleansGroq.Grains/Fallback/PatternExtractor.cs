using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// Extracts the configured patterns (<c>Fallback:Patterns</c>) from text: the local stand-in for structured extraction
/// by a model (seed 001 §7.2). Patterns are compiled once and searched with <see cref="LocalFallbackOptions.MatchTimeout"/>;
/// a pattern that times out reports what it found until then rather than failing the reply.
/// </summary>
public sealed class PatternExtractor
{
    private readonly KeyValuePair<string, Regex>[] _patterns;

    public PatternExtractor(IOptions<LocalFallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _patterns = settings.Patterns
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => KeyValuePair.Create(p.Key, new Regex(p.Value, RegexOptions.Compiled | RegexOptions.CultureInvariant, settings.MatchTimeout)))
            .ToArray();
        Patterns = _patterns.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The compiled patterns by name, for features that extract the same values in other ways.</summary>
    public IReadOnlyDictionary<string, Regex> Patterns { get; }

    /// <summary>Every configured pattern name with its distinct matches in order of appearance (empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Extract([text]);
    }

    /// <summary>As <see cref="Extract(string)"/> over several texts, each searched on its own so that no match spans two of them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extract(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var extracted = new Dictionary<string, IReadOnlyList<string>>(_patterns.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, regex) in _patterns)
        {
            extracted[name] = Find(regex, texts);
        }

        return extracted;
    }

    private static IReadOnlyList<string> Find(Regex regex, IReadOnlyList<string> texts)
    {
        List<string>? values = null;
        HashSet<string>? seen = null;
        foreach (var text in texts)
        {
            try
            {
                foreach (var match in regex.EnumerateMatches(text))
                {
                    var value = text.AsSpan(match.Index, match.Length);
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value))
                    {
                        var copy = value.ToString();
                        seen.Add(copy);
                        (values ??= []).Add(copy);
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Keep the matches found before the timeout and go on with the next text.
            }
        }

        if (values is null)
        {
            return [];
        }

        return values;
    }
}
