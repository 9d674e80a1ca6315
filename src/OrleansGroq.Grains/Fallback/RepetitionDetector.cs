using System.Buffers;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// Tells whether the latest user message repeats an earlier one (seed 001 §7.2): normalized Levenshtein similarity
/// (1 - distance / longer length) of the normalized texts at or above <see cref="LocalFallbackOptions.RepetitionThreshold"/>.
/// Cost is bounded whatever the conversation: only the first <see cref="MaxComparedChars"/> normalized characters of a
/// message and the <see cref="MaxEarlierTurns"/> most recent earlier messages are compared.
/// </summary>
public sealed class RepetitionDetector
{
    /// <summary>How much of each normalized message is compared.</summary>
    public const int MaxComparedChars = 2000;

    /// <summary>How many earlier user messages, newest first, the latest is compared with.</summary>
    public const int MaxEarlierTurns = 16;

    private readonly double _threshold;

    public RepetitionDetector(IOptions<LocalFallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _threshold = options.Value.RepetitionThreshold;
    }

    /// <summary>Whether the last of <paramref name="userTurns"/> repeats one before it. An empty latest message repeats nothing.</summary>
    public bool IsRepeat(IReadOnlyList<string> userTurns)
    {
        ArgumentNullException.ThrowIfNull(userTurns);
        if (userTurns.Count < 2)
        {
            return false;
        }

        var buffer = ArrayPool<char>.Shared.Rent(2 * MaxComparedChars);
        try
        {
            var latest = buffer.AsSpan(0, MaxComparedChars);
            latest = latest[..TextNormalizer.Normalize(userTurns[^1], latest)];
            if (latest.IsEmpty)
            {
                return false;
            }

            var earlier = buffer.AsSpan(MaxComparedChars, MaxComparedChars);
            var oldest = Math.Max(0, userTurns.Count - 1 - MaxEarlierTurns);
            for (var i = userTurns.Count - 2; i >= oldest; i--)
            {
                if (IsSimilar(latest, earlier[..TextNormalizer.Normalize(userTurns[i], earlier)]))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private bool IsSimilar(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var longer = Math.Max(a.Length, b.Length);

        // The largest distance whose similarity still reaches the threshold, computed with the similarity formula
        // itself so that floating-point rounding cannot put the edge case on the wrong side.
        var allowed = (int)Math.Ceiling((1 - _threshold) * longer) + 1;
        while (allowed > 0 && 1 - ((double)allowed / longer) < _threshold)
        {
            allowed--;
        }

        return BoundedLevenshtein.Distance(a, b, allowed) <= allowed;
    }
}
