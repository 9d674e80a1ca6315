using OrleansGroq.Testing.Fuzz.Cases;

namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// The cases of a run, in rounds of <see cref="InvalidPerRound"/> invalid cases followed by <see cref="ValidPerRound"/>
/// valid ones: a tenth of the requests are valid, spread over the whole run, so a gateway that invalid input harms
/// (an open breaker, a cooled key, a poisoned conversation) fails them.
/// </summary>
internal static class FuzzPlan
{
    private const int InvalidPerRound = 18;
    private const int ValidPerRound = 2;

    /// <summary>The batches, made as they are enumerated (some bodies are megabytes): the same seed gives the same cases.</summary>
    public static IEnumerable<FuzzBatch> Create(int seed, int requests)
    {
        var random = new FuzzRandom(seed);
        var left = requests;
        while (left > 0)
        {
            var invalid = Math.Min(InvalidPerRound, left);
            yield return new FuzzBatch(Draw(FuzzCatalog.Invalid, random, invalid), Valid: false);
            left -= invalid;
            var valid = Math.Min(ValidPerRound, left);
            if (valid > 0)
            {
                yield return new FuzzBatch(Draw(FuzzCatalog.Valid, random, valid), Valid: true);
                left -= valid;
            }
        }
    }

    private static FuzzCase[] Draw(IReadOnlyList<(IFuzzCases Cases, int Weight)> catalog, FuzzRandom random, int count)
    {
        var total = catalog.Sum(c => c.Weight);
        var drawn = new FuzzCase[count];
        for (var i = 0; i < count; i++)
        {
            var ticket = random.Next(total);
            var (cases, _) = catalog.First(c => (ticket -= c.Weight) < 0);
            drawn[i] = cases.Next(random);
        }

        return drawn;
    }
}
