using OrleansGroq.Abstractions.Conversations;

namespace OrleansGroq.Grains.Conversations;

/// <summary>
/// Fits a history into a token budget: the leading system messages always stay (they are the prompt-cache
/// prefix and the instructions), then the newest messages as far as the budget goes. Tool results whose
/// call was trimmed away go too, since a tool message without its call is invalid.
/// </summary>
public static class HistoryTrimmer
{
    public static (IReadOnlyList<StoredMessage> Kept, int Trimmed) Trim(IReadOnlyList<StoredMessage> messages, int budget)
    {
        var prefix = 0;
        var used = 0;
        while (prefix < messages.Count && messages[prefix].Role == "system")
        {
            used += messages[prefix].Tokens;
            prefix++;
        }

        var start = messages.Count;
        while (start > prefix && used + messages[start - 1].Tokens <= budget)
        {
            start--;
            used += messages[start].Tokens;
        }

        while (start < messages.Count && messages[start].Role == "tool")
        {
            start++;
        }

        if (start == prefix)
        {
            return (messages, 0);
        }

        var kept = new List<StoredMessage>(prefix + messages.Count - start);
        for (var i = 0; i < prefix; i++)
        {
            kept.Add(messages[i]);
        }

        for (var i = start; i < messages.Count; i++)
        {
            kept.Add(messages[i]);
        }

        return (kept, start - prefix);
    }
}
