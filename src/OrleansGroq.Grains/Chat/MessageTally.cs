using System.Text.Json;

namespace OrleansGroq.Grains.Chat;

/// <summary>Reads the <c>messages</c> array: checks each message against Groq's rules for its role, and counts its text.</summary>
internal struct MessageTally
{
    public int Count;
    public int Characters;
    public bool HasImages;

    public static ChatRequestError? Read(ref Utf8JsonReader reader, ref MessageTally tally)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return JsonRules.Wrong(ref reader, "an array").At("messages");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = new ItemPath("messages", tally.Count);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return JsonRules.Wrong(ref reader, "an object").At(path.Self);
            }

            var message = default(MessageDraft);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = PropertyNames.Message(ref reader);
                reader.Read();
                if (message.Read(field, ref reader, path, ref tally) is { } error)
                {
                    return error;
                }
            }

            if (message.Finish(path, roleRequired: true) is { } invalid)
            {
                return invalid;
            }

            tally.Count++;
        }

        return tally.Count == 0 ? ChatRequestErrors.EmptyArray("messages") : null;
    }
}
