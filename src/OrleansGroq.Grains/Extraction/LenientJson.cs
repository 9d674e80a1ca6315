using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Recovers a JSON object from what a model actually wrote (seed 001 §3.3): the whole text, else each markdown code
/// fence, else each balanced <c>{...}</c> block in the prose. Every candidate is read with comments skipped and
/// trailing commas allowed, which accepts strict JSON unchanged. Only objects count, since an extraction answer is
/// an object; a parsed array or scalar is passed over.
/// </summary>
public static class LenientJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>Finds the first JSON object in <paramref name="text"/>. Never throws; false when none parses.</summary>
    public static bool TryParse(string? text, out JsonElement value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TryParseObject(text.AsMemory().Trim(), out value))
        {
            return true;
        }

        foreach (var fenced in JsonCandidates.FencedBlocks(text))
        {
            if (TryParseObject(fenced, out value))
            {
                return true;
            }
        }

        foreach (var block in JsonCandidates.BraceBlocks(text))
        {
            if (TryParseObject(block, out value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseObject(ReadOnlyMemory<char> candidate, out JsonElement value)
    {
        value = default;
        if (candidate.IsEmpty || candidate.Span[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(candidate, Options);
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be transcoded to UTF-8; a model should not emit one, but it must not throw.
            return false;
        }
    }
}
