namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// Finds whole words and phrases in normalized text: a phrase counts only where no letter, digit or underscore touches
/// either end, so <c>bank</c> is found in "bank's" but not in "embankment" or "banking". An ordinal search per phrase
/// is cheaper than a regular expression per phrase and cannot time out.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly string[] _phrases;

    public PhraseMatcher(IEnumerable<string> phrases) =>
        _phrases = phrases.Select(TextNormalizer.Normalize).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>How many distinct phrases occur in the text, each counted once however often it occurs.</summary>
    public int CountFound(string normalizedText)
    {
        var found = 0;
        foreach (var phrase in _phrases)
        {
            if (Contains(normalizedText, phrase))
            {
                found++;
            }
        }

        return found;
    }

    public bool AnyFound(string normalizedText)
    {
        foreach (var phrase in _phrases)
        {
            if (Contains(normalizedText, phrase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(string text, string phrase)
    {
        var start = 0;
        while (start <= text.Length - phrase.Length)
        {
            var at = text.IndexOf(phrase, start, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            var end = at + phrase.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
