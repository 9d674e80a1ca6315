using System.Text.Json;

namespace OrleansGroq.Grains.Fallback;

/// <summary>
/// The text of the user messages in a chat completion body, oldest first. Content may be a string or an array of
/// parts; the text parts of an array are joined with line breaks and other parts (images, audio) are left out. A user
/// message without text still counts, as an empty string, so that the last entry is always the latest user message.
/// Anything else the body holds is skipped, and a body that is not JSON yields the messages read before it went wrong.
/// </summary>
public static class UserTurns
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> body)
    {
        var turns = new List<string>();
        try
        {
            ReadBody(body, turns);
        }
        catch (JsonException)
        {
            // The gateway validated the body before it reached the fallback; a local answer from part of it beats none.
        }

        return turns;
    }

    private static void ReadBody(ReadOnlySpan<byte> body, List<string> turns)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessages = reader.ValueTextEquals("messages"u8);
            reader.Read();
            if (isMessages && reader.TokenType == JsonTokenType.StartArray)
            {
                ReadMessages(ref reader, turns);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadMessages(ref Utf8JsonReader reader, List<string> turns)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var isUser = false;
            var hasContent = false;
            var content = default(Utf8JsonReader);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRole = reader.ValueTextEquals("role"u8);
                var isContent = reader.ValueTextEquals("content"u8);
                reader.Read();
                if (isRole)
                {
                    isUser = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("user"u8);
                }
                else if (isContent)
                {
                    // The role may come after the content: keep the reader's position and materialize only a user's text.
                    hasContent = true;
                    content = reader;
                }

                reader.Skip();
            }

            if (isUser)
            {
                turns.Add(hasContent ? ReadContent(ref content) : "");
            }
        }
    }

    private static string ReadContent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return "";
        }

        List<string>? parts = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isText = reader.ValueTextEquals("text"u8);
                reader.Read();
                if (isText && reader.TokenType == JsonTokenType.String)
                {
                    (parts ??= []).Add(reader.GetString()!);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return parts is null ? "" : string.Join('\n', parts);
    }
}
