using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>Reads a message's <c>content</c>: a string, or an array of text and image parts; counts its text.</summary>
internal static class ContentReader
{
    private const int TextPart = 0;
    private const int ImagePart = 1;

    private static readonly AllowedValues PartTypes = new("text", "image_url");
    private static readonly AllowedValues ImageDetails = new("auto", "low", "high");

    public static ChatRequestError? Read(ref Utf8JsonReader reader, ItemPath path, ref MessageTally tally, out ContentShape shape)
    {
        shape = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                shape = new ContentShape(ContentKind.Null, 0, null);
                return null;
            case JsonTokenType.String:
                tally.Characters += reader.ValueSpan.Length;
                shape = new ContentShape(ContentKind.Text, 0, null);
                return null;
            case JsonTokenType.StartArray:
                break;
            default:
                return JsonRules.Wrong(ref reader, "a string or an array of content parts").At(path.Of("content"));
        }

        var parts = 0;
        int? firstImage = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return JsonRules.Wrong(ref reader, "an object").At(path.Of($"content[{parts}]"));
            }

            if (ReadPart(ref reader, path, parts, ref tally, out var isImage) is { } error)
            {
                return error;
            }

            firstImage ??= isImage ? parts : null;
            parts++;
        }

        tally.HasImages |= firstImage is not null;
        shape = new ContentShape(ContentKind.Parts, parts, firstImage);
        return null;
    }

    private static ChatRequestError? ReadPart(ref Utf8JsonReader reader, ItemPath path, int part, ref MessageTally tally, out bool isImage)
    {
        isImage = false;
        var type = -1;
        bool hasText = false, hasImage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("type"u8) ? "type" : reader.ValueTextEquals("text"u8) ? "text" : reader.ValueTextEquals("image_url"u8) ? "image_url" : null;
            reader.Read();
            var problem = field switch
            {
                "type" => JsonRules.OneOf(ref reader, PartTypes, out type),
                "text" => JsonRules.String(ref reader),
                "image_url" => ReadImageUrl(ref reader),
                _ => JsonRules.Any(ref reader),
            };
            if (problem.Found)
            {
                return problem.At(path.Of($"content[{part}].{field}"));
            }

            if (field == "text" && reader.TokenType == JsonTokenType.String)
            {
                hasText = true;
                tally.Characters += reader.ValueSpan.Length;
            }

            hasImage |= field == "image_url" && reader.TokenType == JsonTokenType.EndObject;
        }

        isImage = type == ImagePart;
        var missing = type switch
        {
            -1 => "type",
            TextPart when !hasText => "text",
            ImagePart when !hasImage => "image_url",
            _ => null,
        };
        return missing is null ? null : ChatRequestErrors.Missing(path.Of($"content[{part}].{missing}"));
    }

    // Leaves the reader on the object's end, which is how the caller knows an image was given.
    private static ValueProblem ReadImageUrl(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonRules.Wrong(ref reader, "an object");
        }

        var hasUrl = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("url"u8) ? "url" : reader.ValueTextEquals("detail"u8) ? "detail" : null;
            reader.Read();
            var problem = field switch
            {
                "url" => reader.TokenType == JsonTokenType.String ? default : JsonRules.Wrong(ref reader, "a string"),
                "detail" => JsonRules.OneOf(ref reader, ImageDetails, out _),
                _ => JsonRules.Any(ref reader),
            };
            if (problem.Found)
            {
                return problem.Within(field!);
            }

            hasUrl |= field == "url";
        }

        return hasUrl ? default : ValueProblem.Missing("url");
    }
}
