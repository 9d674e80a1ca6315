using System.Text;
using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>The values an enumerated string field takes, matched against the reader without decoding it.</summary>
internal sealed class AllowedValues
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;

    public AllowedValues(params string[] names)
    {
        _names = names;
        _utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    public string this[int index] => _names[index];

    /// <summary>The index of the string under the reader, or -1 when it is none of them.</summary>
    public int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (reader.ValueTextEquals(_utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The values as an error message lists them: <c>'a', 'b' or 'c'</c>.</summary>
    public string Describe() =>
        _names.Length == 1 ? $"'{_names[0]}'" : $"{string.Join(", ", _names[..^1].Select(n => $"'{n}'"))} or '{_names[^1]}'";
}
