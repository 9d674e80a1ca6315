using System.Globalization;
using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// Type and range checks for one JSON value. Each takes the reader on the value's first token and leaves it on the
/// value's last, as <see cref="Utf8JsonReader.Skip"/> does; <c>null</c> is accepted wherever Groq marks a field
/// nullable, which is everywhere but the required ones. Strings are decodable: <see cref="JsonText.Check"/> ran first.
/// </summary>
internal static class JsonRules
{
    public static ValueProblem Boolean(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null ? default : Wrong(ref reader, "a boolean");

    public static ValueProblem String(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? default : Wrong(ref reader, "a string");

    public static ValueProblem Object(ref Utf8JsonReader reader) => Container(ref reader, JsonTokenType.StartObject, "an object");

    public static ValueProblem Array(ref Utf8JsonReader reader) => Container(ref reader, JsonTokenType.StartArray, "an array");

    public static ValueProblem Number(ref Utf8JsonReader reader, double minimum, double maximum, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return Wrong(ref reader, "a number");
        }

        if (!reader.TryGetDouble(out var number))
        {
            // Beyond double's range: the sign says which bound it broke.
            number = reader.ValueSpan[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (number < minimum || number > maximum)
        {
            return OutOfRange(ref reader, integer: false, number < minimum, number < minimum ? minimum : maximum);
        }

        value = number;
        return default;
    }

    /// <summary>An integer, as JSON Schema counts them: <c>16</c> and <c>16.0</c> are, <c>16.5</c> is not.</summary>
    public static ValueProblem Integer(ref Utf8JsonReader reader, long minimum, long maximum, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return Wrong(ref reader, "an integer");
        }

        double number;
        if (reader.TryGetInt64(out var integer))
        {
            number = integer;
        }
        else if (!reader.TryGetDouble(out number) || double.IsInfinity(number))
        {
            number = reader.ValueSpan[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }
        else if (number != Math.Floor(number))
        {
            return Wrong(ref reader, "an integer");
        }

        if (number < minimum || number > maximum)
        {
            return OutOfRange(ref reader, integer: true, number < minimum, number < minimum ? minimum : maximum);
        }

        value = reader.TryGetInt64(out integer) ? integer : (long)number;
        return default;
    }

    /// <summary>One of <paramref name="allowed"/>, or null; <paramref name="index"/> is which, -1 for null.</summary>
    public static ValueProblem OneOf(ref Utf8JsonReader reader, AllowedValues allowed, out int index)
    {
        index = -1;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return Wrong(ref reader, "a string");
        }

        index = allowed.IndexOf(ref reader);
        return index >= 0 ? default : NotOneOf(allowed, reader.GetString()!);
    }

    /// <summary>An array of strings, at most <paramref name="maximum"/> of them, or null.</summary>
    public static ValueProblem Strings(ref Utf8JsonReader reader, int maximum = int.MaxValue)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Array(ref reader);
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return NotAString(count, reader.TokenType);
            }

            count++;
        }

        return count <= maximum ? default : TooMany(maximum, count);
    }

    /// <summary>A name Groq accepts for a function or a schema: letters, digits, <c>_</c> and <c>-</c>, at most 64.</summary>
    public static ValueProblem Name(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return Wrong(ref reader, "a string");
        }

        if (!reader.ValueIsEscaped && IsName(reader.ValueSpan))
        {
            return default;
        }

        var name = reader.GetString()!;
        return IsName(System.Text.Encoding.UTF8.GetBytes(name)) ? default : BadName(name);
    }

    /// <summary>Any value: one Groq leaves unchecked, skipped.</summary>
    public static ValueProblem Any(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return default;
    }

    /// <summary>The wrong type for the value under the reader, which is skipped.</summary>
    public static ValueProblem Wrong(ref Utf8JsonReader reader, string expected)
    {
        var got = reader.TokenType;
        reader.Skip();
        return ValueProblem.Of(p => ChatRequestErrors.Type(p, expected, got));
    }

    private static ValueProblem NotOneOf(AllowedValues allowed, string got) => ValueProblem.Of(p => ChatRequestErrors.NotOneOf(p, allowed.Describe(), got));

    private static ValueProblem NotAString(int index, JsonTokenType got) => ValueProblem.Of(p => ChatRequestErrors.Type($"{p}[{index}]", "a string", got));

    private static ValueProblem TooMany(int maximum, int count) => ValueProblem.Of(p => ChatRequestErrors.TooMany(p, maximum, count));

    private static ValueProblem BadName(string got) => ValueProblem.Of(p => ChatRequestErrors.BadName(p, got));

    private static ValueProblem OutOfRange(ref Utf8JsonReader reader, bool integer, bool below, double bound)
    {
        var got = EchoText.Truncate(reader.ValueSpan);
        var limit = Format(bound);
        return below
            ? ValueProblem.Of(p => ChatRequestErrors.BelowMinimum(p, integer, limit, got))
            : ValueProblem.Of(p => ChatRequestErrors.AboveMaximum(p, integer, limit, got));
    }

    private static bool IsName(ReadOnlySpan<byte> name)
    {
        if (name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'_' or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }

    private static ValueProblem Container(ref Utf8JsonReader reader, JsonTokenType start, string expected)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != start)
        {
            return Wrong(ref reader, expected);
        }

        reader.Skip();
        return default;
    }

    private static string Format(double bound) => bound.ToString(CultureInfo.InvariantCulture);
}
