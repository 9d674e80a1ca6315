namespace OrleansGroq.Testing.Fuzz;

/// <summary>
/// The one source of choices while a run's cases are made, so a seed gives the same cases in the same order. It also
/// deals conversation slots to valid turns in turn, so the valid requests of a batch never share a conversation.
/// </summary>
internal sealed class FuzzRandom(int seed)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz";

    private readonly Random _random = new(seed);
    private readonly Dictionary<object, int> _turns = new(ReferenceEqualityComparer.Instance);
    private int _nextSlot;

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>The items in turn, one per call, so that a few draws still see every one of them.</summary>
    public T Rotate<T>(IReadOnlyList<T> items)
    {
        var turn = _turns.GetValueOrDefault(items);
        _turns[items] = turn + 1;
        return items[turn % items.Count];
    }

    public string Letters(int length) => string.Create(length, _random, static (span, random) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[random.Next(Alphabet.Length)];
        }
    });

    public ConversationPick AnyConversation() => new(_random.Next(1000));

    public ConversationPick NextConversation() => new(_nextSlot++);
}
