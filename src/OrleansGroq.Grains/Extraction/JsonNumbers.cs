using System.Globalization;
using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>
/// Number semantics of JSON Schema: <c>1.0</c> is an integer, and bounds compare exactly where decimal can hold both
/// sides (so <c>0.1</c> against <c>0.1</c> is not lost to binary rounding), by double beyond that.
/// </summary>
internal static class JsonNumbers
{
    public static bool IsInteger(JsonElement number) =>
        number.TryGetDecimal(out var exact) ? decimal.Truncate(exact) == exact : double.IsInteger(ToDouble(number));

    public static int Compare(JsonElement left, JsonElement right) =>
        left.TryGetDecimal(out var a) && right.TryGetDecimal(out var b) ? a.CompareTo(b) : ToDouble(left).CompareTo(ToDouble(right));

    // Out-of-range literals such as 1e400 fail TryGetDouble; parsing the text gives the infinity they stand for.
    private static double ToDouble(JsonElement number) =>
        number.TryGetDouble(out var value) ? value : double.Parse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
