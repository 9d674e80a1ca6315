using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// A documented field of one JSON route given a wrong type, a value out of its documented range, a number past any
/// range, <c>null</c> where it is required, or a second copy of itself with one of the two copies wrong (in either
/// order, so a reader that keeps only the first or only the last copy is caught either way).
/// </summary>
internal sealed class FieldCases(JsonRoute route) : IFuzzCases
{
    public FuzzCase Next(FuzzRandom random)
    {
        var slot = random.Pick(route.Slots);
        var wrong = random.Pick(JsonValues.WrongTypes(slot.Kind));
        var mutations = new List<string> { "wrong-type" };
        if (slot.OutOfRange.Count > 0)
        {
            mutations.Add("out-of-range");
        }

        if (slot.IsNumber)
        {
            mutations.Add("huge-number");
        }

        if (slot.Required)
        {
            mutations.Add("null");
        }

        if (slot.Member is not null)
        {
            mutations.Add("duplicate");
        }

        var (mutation, value) = random.Pick(mutations) switch
        {
            "out-of-range" => ("out-of-range", random.Pick(slot.OutOfRange)),
            "huge-number" => ("huge-number", random.Pick(JsonValues.HugeNumbers)),
            "null" => ("null", "null"),
            "duplicate" when random.Chance(0.5) => ("duplicate-wrong-last", $"{slot.Valid},\"{slot.Member}\":{wrong}"),
            "duplicate" => ("duplicate-wrong-first", $"{wrong},\"{slot.Member}\":{slot.Valid}"),
            _ => ("wrong-type", wrong),
        };
        return FuzzCase.Invalid($"{route.Name}/{slot.Field}/{mutation}", value, route.Post(random, slot.With(value)));
    }
}
