using System.Text;

namespace OrleansGroq.Testing.Fuzz.Bodies;

/// <summary>Values that are wrong wherever they go: wrong types per kind, numbers no field takes, broken text.</summary>
internal static class JsonValues
{
    /// <summary>Numbers beyond every documented range: past a double, past a long, hundreds of digits.</summary>
    public static readonly IReadOnlyList<string> HugeNumbers =
    [
        "1e309",
        "-1e309",
        "1e308",
        "123456789012345678901234567890",
        new string('9', 400),
        "-" + new string('9', 400),
    ];

    /// <summary>
    /// Byte sequences no UTF-8 decoder may accept: bytes never used, overlong forms, an encoded surrogate, a code
    /// point past U+10FFFF, a truncated sequence, a lone continuation byte, a five-byte form.
    /// </summary>
    public static readonly IReadOnlyList<byte[]> InvalidUtf8 =
    [
        [0xFF],
        [0xFE, 0xFE],
        [0xC0, 0xAF],
        [0xC3, 0x28],
        [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80],
        [0xE2, 0x82],
        [0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    /// <summary>JSON strings whose escapes name half a surrogate pair, which no UTF-8 text can hold.</summary>
    public static readonly IReadOnlyList<string> LoneSurrogates =
    [
        "\"\\ud800\"",
        "\"a\\udc00b\"",
        "\"\\ud83d\"",
        "\"\\udc00\\ud800\"",
        "\"x\\uDBFFy\"",
    ];

    public static IReadOnlyList<string> WrongTypes(FieldKind kind) => kind switch
    {
        FieldKind.Text => ["5", "true", "[]", "{}", "[\"x\"]"],
        FieldKind.Choice => ["5", "true", "[]", "{}", "[\"auto\"]", "1.5"],
        FieldKind.Number => ["\"0.5\"", "true", "[]", "{}", "\"x\""],
        FieldKind.Integer => ["\"5\"", "true", "[]", "{}", "1.5", "\"x\""],
        FieldKind.Boolean => ["\"true\"", "1", "0", "[]", "{}", "\"yes\""],
        FieldKind.Object => ["\"x\"", "5", "true", "[]", "[{}]"],
        FieldKind.Array => ["\"x\"", "5", "true", "{}"],
        FieldKind.TextOrArray => ["5", "true", "{}", "1.5"],
        FieldKind.ChoiceOrObject => ["5", "true", "[]", "[\"auto\"]"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A JSON string with <paramref name="bad"/> in the middle of otherwise plain text.</summary>
    public static byte[] StringWith(ReadOnlySpan<byte> bad) => [.. "\"ab"u8, .. bad, .. "cd\""u8];

    /// <summary>Arrays (or objects) nested <paramref name="depth"/> deep.</summary>
    public static string Nested(int depth, bool objects) =>
        objects
            ? new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString()
            : new string('[', depth) + new string(']', depth);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
