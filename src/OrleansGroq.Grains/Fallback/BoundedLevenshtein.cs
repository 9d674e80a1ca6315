using System.Buffers;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// Levenshtein distance that only computes the diagonal band a distance of at most <c>max</c> can pass through
/// (Ukkonen), with two pooled rows: O(n·max) time instead of O(n·m), and it stops as soon as a whole row exceeds the bound.
/// </summary>
public static class BoundedLevenshtein
{
    /// <summary>The edit distance between <paramref name="a"/> and <paramref name="b"/> when it is at most <paramref name="max"/>, else <paramref name="max"/> + 1.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var over = max + 1;
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return over;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        var width = b.Length + 1;
        var rented = ArrayPool<int>.Shared.Rent(2 * width);
        try
        {
            var previous = rented.AsSpan(0, width);
            var current = rented.AsSpan(width, width);
            for (var j = 0; j < width; j++)
            {
                previous[j] = Math.Min(j, over);
            }

            for (var i = 1; i <= a.Length; i++)
            {
                var low = Math.Max(1, i - max);
                var high = Math.Min(b.Length, i + max);
                current[low - 1] = low == 1 ? Math.Min(i, over) : over;
                var rowMin = current[low - 1];
                var ai = a[i - 1];
                for (var j = low; j <= high; j++)
                {
                    var substitute = previous[j - 1] + (ai == b[j - 1] ? 0 : 1);
                    var value = Math.Min(Math.Min(substitute, previous[j] + 1), current[j - 1] + 1);
                    current[j] = Math.Min(value, over);
                    rowMin = Math.Min(rowMin, current[j]);
                }

                if (high < b.Length)
                {
                    current[high + 1] = over;
                }

                if (rowMin > max)
                {
                    return over;
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }
}
