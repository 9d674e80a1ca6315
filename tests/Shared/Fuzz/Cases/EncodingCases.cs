using OrleansGroq.Testing.Fuzz.Bodies;

namespace OrleansGroq.Testing.Fuzz.Cases;

/// <summary>
/// Text no gateway may decode or pass on, in any string field of any JSON route: invalid UTF-8 inside the string, in
/// a property name beside it or between tokens; escapes of half a surrogate pair; and, where the value comes from a
/// fixed set or the catalog, a value kilobytes to a megabyte long.
/// </summary>
internal sealed class EncodingCases : IFuzzCases
{
    private static readonly int[] HugeLengths = [16_384, 65_536, 1_048_576];

    public FuzzCase Next(FuzzRandom random)
    {
        var route = random.Pick(JsonRoutes.All);
        var slot = random.Pick(route.Slots.Where(s => s.IsString).ToList());
        var bad = random.Pick(JsonValues.InvalidUtf8);
        var name = $"{route.Name}/{slot.Field}";
        var choice = slot.Kind is FieldKind.Choice or FieldKind.ChoiceOrObject;
        switch (random.Next(choice ? 5 : 4))
        {
            case 0:
                return FuzzCase.Invalid(name + "/invalid-utf8", JsonValues.Hex(bad), route.Post(random, slot.With(JsonValues.StringWith(bad))));
            case 1:
                var surrogate = random.Pick(JsonValues.LoneSurrogates);
                return FuzzCase.Invalid(name + "/lone-surrogate", surrogate, route.Post(random, slot.With(surrogate)));
            case 2 when slot.Member is not null:
                byte[] named = [.. System.Text.Encoding.UTF8.GetBytes(slot.Valid + ",\"x"), .. bad, .. "\":1"u8];
                return FuzzCase.Invalid(route.Name + "/property-name/invalid-utf8", JsonValues.Hex(bad), route.Post(random, slot.With(named)));
            case 2:
            case 3:
                byte[] between = [.. System.Text.Encoding.UTF8.GetBytes(slot.Valid), .. bad];
                return FuzzCase.Invalid(name + "/invalid-utf8-after-value", JsonValues.Hex(bad), route.Post(random, slot.With(between)));
            default:
                var length = random.Pick(HugeLengths);
                return FuzzCase.Invalid(name + "/huge-string", $"{length} letters", route.Post(random, slot.With($"\"{random.Letters(length)}\"")));
        }
    }
}
