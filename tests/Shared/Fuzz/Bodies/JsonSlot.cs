using System.Text;

namespace OrleansGroq.Testing.Fuzz.Bodies;

/// <summary>
/// One documented field of a JSON route: a valid body with a <c>§</c> where the field's value goes, the type Groq
/// documents for it, a valid value, whether it is required (so <c>null</c> is wrong), and values out of its range.
/// </summary>
internal sealed record JsonSlot(string Field, FieldKind Kind, string Template, string Valid, bool Required, IReadOnlyList<string> OutOfRange)
{
    private const char Marker = '§';

    /// <summary>The member name the value sits under (<c>content</c> for <c>messages[0].content</c>); null for an array element.</summary>
    public string? Member => Field.EndsWith(']') ? null : Field[(Field.LastIndexOf('.') + 1)..];

    public bool IsString => Kind is FieldKind.Text or FieldKind.Choice or FieldKind.TextOrArray or FieldKind.ChoiceOrObject;

    public bool IsNumber => Kind is FieldKind.Number or FieldKind.Integer;

    public byte[] With(string value) => With(Encoding.UTF8.GetBytes(value));

    /// <summary>The body with raw bytes in the field's place, which need not be valid JSON or UTF-8.</summary>
    public byte[] With(ReadOnlySpan<byte> value)
    {
        var marker = Template.IndexOf(Marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(Template[..marker]), .. value, .. Encoding.UTF8.GetBytes(Template[(marker + 1)..])];
    }

    /// <summary>The body with the field's valid value.</summary>
    public byte[] ValidBody() => With(Valid);
}
