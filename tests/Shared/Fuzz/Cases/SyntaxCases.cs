using System.Text;
using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Bodies that are not one JSON object: cut short, another root (an array where the object belongs), bytes after the
/// object, JSON5 liberties (comments, trailing commas, single quotes), numbers JSON does not have, nesting far past
/// any limit, and nothing at all.
/// </summary>
internal sealed class SyntaxCases : IFuzzCases
{
    private static readonly int[] Depths = [65, 200, 5_000, 100_000];
    private static readonly string[] NotNumbers = ["NaN", "Infinity", "-Infinity", "01", "1.", "+1", ".5", "0x10", "1e"];
    private static readonly JsonSlot[] NumberSlots = [.. JsonRoutes.All.SelectMany(r => r.Slots.Where(s => s.IsNumber))];

    // A conversation may be created from an empty body, so only the other routes must refuse one.
    private static readonly JsonRoute[] BodyRequired = [.. JsonRoutes.All.Where(r => r != JsonRoutes.ConversationCreate)];

    public FuzzCase Next(FuzzRandom random)
    {
        var route = random.Pick(JsonRoutes.All);
        var valid = route.ValidBody;
        switch (random.Next(9))
        {
            case 0:
                var cut = random.Next(1, valid.Length);
                return Case(random, route, "truncated", $"first {cut} of {valid.Length} bytes", valid[..cut]);
            case 1:
                return Case(random, route, "not-an-object", random.Pick(["[]", "\"x\"", "5", "null", "true", "[" + valid + "]"]));
            case 2:
                return Case(random, route, "trailing-bytes", valid + random.Pick(["x", "{}", ",", " ]", valid]));
            case 3:
                return Case(random, route, "comment", "{/* note */" + valid[1..]);
            case 4:
                return Case(random, route, "trailing-comma", valid[..^1] + ",}");
            case 5:
                return Case(random, route, "single-quotes", valid.Replace('"', '\''));
            case 6:
                var slot = random.Pick(route.Slots);
                var depth = random.Pick(Depths);
                var objects = random.Chance(0.5);
                var nested = slot.With(JsonValues.Nested(depth, objects));
                return FuzzCase.Invalid($"{route.Name}/{slot.Field}/deep-nesting", $"{depth} nested {(objects ? "objects" : "arrays")}", route.Post(random, nested));
            case 7:
                var number = random.Pick(NumberSlots);
                var owner = JsonRoutes.All.First(r => r.Slots.Contains(number));
                var text = random.Pick(NotNumbers);
                return FuzzCase.Invalid($"{owner.Name}/{number.Field}/not-a-json-number", text, owner.Post(random, number.With(text)));
            default:
                var required = random.Pick(BodyRequired);
                return Case(random, required, "empty", "", "");
        }
    }

    private static FuzzCase Case(FuzzRandom random, JsonRoute route, string kind, string body) => Case(random, route, kind, body, body);

    private static FuzzCase Case(FuzzRandom random, JsonRoute route, string kind, string detail, string body) =>
        FuzzCase.Invalid($"{route.Name}/body/{kind}", detail, route.Post(random, Encoding.UTF8.GetBytes(body)));
}
