using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace OrleansGroq.Grains.Chat;

/// <summary>
/// What <see cref="Utf8JsonReader"/> leaves unchecked: it accepts strings holding invalid UTF-8 or a <c>\uD800</c>
/// escape without its pair, and only fails (with an <see cref="InvalidOperationException"/>) when such a string is
/// decoded. A body is checked here once, before any field is read, so every reader after it can decode any string
/// and nothing undecodable is forwarded.
/// </summary>
public static class JsonText
{
    /// <summary>
    /// The deepest nesting a body may have. Real chat bodies nest about ten levels (a tool's JSON schema adds a few);
    /// 64 is <see cref="System.Text.Json"/>'s own default and bounds the recursion of everything that later walks the
    /// document (schema checks, Groq's parsers) far below any stack limit.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>The reader options every request body is read with.</summary>
    public static JsonReaderOptions ReaderOptions { get; } = new() { MaxDepth = MaxDepth };

    /// <summary>Null when every string in <paramref name="json"/> decodes; otherwise the refusal, naming the field when it can.</summary>
    /// <remarks>Both scans are vectorised and allocate nothing; the field is only looked for once a body is refused.</remarks>
    public static ChatRequestError? Check(ReadOnlySpan<byte> json) =>
        Utf8.IsValid(json) && !HasUnpairedSurrogateEscape(json) ? null : ChatRequestErrors.Encoding(Locate(json));

    /// <summary>
    /// The refusal for a body <see cref="Utf8JsonReader"/> could not read: too deep, or not JSON. The reader has
    /// stopped at the token before the one that failed.
    /// </summary>
    public static ChatRequestError Unreadable(ReadOnlySpan<byte> json, in Utf8JsonReader reader) =>
        reader.CurrentDepth >= MaxDepth - 1 && OpensContainer(json[(int)reader.BytesConsumed..])
            ? ChatRequestErrors.TooDeep(MaxDepth)
            : ChatRequestErrors.InvalidJson();

    // Only \u escapes can encode a surrogate, so only they are looked at: a body full of \n costs one vectorised search.
    internal static bool HasUnpairedSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var from = 0;
        while (json[from..].IndexOf("\\u"u8) is var hit and >= 0)
        {
            var i = from + hit;
            from = i + 2;

            // Outside strings a backslash is a syntax error the reader reports; inside, an odd run of backslashes
            // before this one means this one is escaped ("\\u" is a backslash, then the letter u).
            var run = 0;
            while (run < i && json[i - run - 1] == '\\')
            {
                run++;
            }

            if (run % 2 == 1 || HexUnit(json, i + 2) is not (var unit and >= 0))
            {
                continue;
            }

            if (char.IsLowSurrogate((char)unit))
            {
                return true;
            }

            if (char.IsHighSurrogate((char)unit))
            {
                var next = json[(i + 6)..].StartsWith("\\u"u8) ? HexUnit(json, i + 8) : -1;
                if (next < 0 || !char.IsLowSurrogate((char)next))
                {
                    return true;
                }

                from = i + 12;
            }
        }

        return false;
    }

    private static int HexUnit(ReadOnlySpan<byte> json, int start)
    {
        if (start + 4 > json.Length)
        {
            return -1;
        }

        var value = 0;
        foreach (var digit in json.Slice(start, 4))
        {
            var nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return -1;
            }

            value = (value << 4) | nibble;
        }

        return value;
    }

    private static bool OpensContainer(ReadOnlySpan<byte> rest) =>
        rest.TrimStart(" \t\r\n,:"u8) is [(byte)'[' or (byte)'{', ..];

    /// <summary>The path (<c>messages[2].content</c>) of the first string that does not decode; null when the body is not readable JSON.</summary>
    private static string? Locate(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when !Decodes(reader):
                        return Path(frames, frames.Count - 1);
                    case JsonTokenType.PropertyName:
                        frames[^1] = frames[^1] with { Name = reader.GetString() };
                        break;
                    case JsonTokenType.String when !Decodes(reader):
                        return Path(frames, frames.Count);
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, 0, null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Advance(frames);
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static bool Decodes(in Utf8JsonReader reader) =>
        Utf8.IsValid(reader.ValueSpan) && !(reader.ValueIsEscaped && HasUnpairedSurrogateEscape(reader.ValueSpan));

    private static void Advance(List<Frame> frames)
    {
        if (frames is [.., { IsArray: true } top])
        {
            frames[^1] = top with { Index = top.Index + 1 };
        }
    }

    // The path of the value the first `depth` frames point at; null at the root, which has no name.
    private static string? Path(List<Frame> frames, int depth)
    {
        if (depth <= 0)
        {
            return null;
        }

        var path = new StringBuilder();
        foreach (var frame in frames.Take(depth))
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(frame.Name);
            }
        }

        return EchoText.Truncate(path.ToString());
    }

    private readonly record struct Frame(bool IsArray, int Index, string? Name);
}
