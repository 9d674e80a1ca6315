using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class BoundedLevenshteinTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("abcdef", "azcdxf", 2)]
    public void Distances_within_the_bound_are_exact(string a, string b, int expected) =>
        Assert.Equal(expected, BoundedLevenshtein.Distance(a, b, 10));

    [Theory]
    [InlineData("kitten", "sitting", 2)]
    [InlineData("abcdefghij", "jihgfedcba", 3)]
    [InlineData("a", "abcdefg", 1)]
    public void Distances_beyond_the_bound_report_the_bound_plus_one(string a, string b, int max) =>
        Assert.Equal(max + 1, BoundedLevenshtein.Distance(a, b, max));

    [Fact]
    public void The_banded_distance_matches_the_full_computation_on_random_strings()
    {
        var random = new Random(42);
        for (var n = 0; n < 500; n++)
        {
            var a = RandomText(random);
            var b = RandomText(random);
            var full = FullDistance(a, b);
            var max = random.Next(0, 12);

            Assert.Equal(Math.Min(full, max + 1), BoundedLevenshtein.Distance(a, b, max));
        }
    }

    private static string RandomText(Random random) =>
        new(Enumerable.Range(0, random.Next(0, 15)).Select(_ => (char)('a' + random.Next(0, 3))).ToArray());

    private static int FullDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
