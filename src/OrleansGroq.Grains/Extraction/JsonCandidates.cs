namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// The places in model prose where a JSON object may sit. Both scans are capped: each candidate costs a parse, and
/// text full of stray braces or fences must not turn one request into quadratic work.
/// </summary>
internal static class JsonCandidates
{
    private const string Fence = "```";
    private const int MaxFences = 8;
    private const int MaxBlocks = 16;

    /// <summary>The contents of each <c>```lang ... ```</c> fence; an unclosed last fence (a cut-off answer) runs to the end.</summary>
    public static IEnumerable<ReadOnlyMemory<char>> FencedBlocks(string text)
    {
        var from = 0;
        for (var found = 0; found < MaxFences; found++)
        {
            var open = text.IndexOf(Fence, from, StringComparison.Ordinal);
            if (open < 0)
            {
                yield break;
            }

            var start = open + Fence.Length;
            while (start < text.Length && (char.IsAsciiLetterOrDigit(text[start]) || text[start] is '_' or '-' or '+'))
            {
                start++;
            }

            var close = text.IndexOf(Fence, start, StringComparison.Ordinal);
            yield return text.AsMemory(start, (close < 0 ? text.Length : close) - start).Trim();
            if (close < 0)
            {
                yield break;
            }

            from = close + Fence.Length;
        }
    }

    /// <summary>
    /// Each balanced <c>{...}</c> block, with braces inside JSON strings ignored. After a closed block the scan goes on
    /// behind it, so nested objects of a block that failed to parse are not offered as the answer; an opening brace
    /// that never closes is skipped and the scan retries from the next one.
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<char>> BraceBlocks(string text)
    {
        var from = 0;
        for (var tried = 0; tried < MaxBlocks; tried++)
        {
            var open = text.IndexOf('{', from);
            if (open < 0)
            {
                yield break;
            }

            var close = FindClose(text, open);
            if (close < 0)
            {
                from = open + 1;
                continue;
            }

            yield return text.AsMemory(open, close - open + 1);
            from = close + 1;
        }
    }

    private static int FindClose(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
