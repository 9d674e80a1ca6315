using System.Text.Json;

namespace OrleansGroq.Grains.Extraction;

/// <summary>The text a model produced, from a chat completion or from Groq's <c>json_validate_failed</c> error.</summary>
internal static class ModelAnswers
{
    /// <summary><c>choices[0].message.content</c>, or null when the body has none.</summary>
    public static string? Content(byte[] completion)
    {
        try
        {
            using var document = JsonDocument.Parse(completion);
            return document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? content.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>error.failed_generation</c>: what the model wrote before Groq's validation refused it.</summary>
    public static string? FailedGeneration(byte[] error)
    {
        try
        {
            using var document = JsonDocument.Parse(error);
            return document.RootElement.TryGetProperty("error", out var body) && body.TryGetProperty("failed_generation", out var generation) && generation.ValueKind == JsonValueKind.String
                ? generation.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the answer is plain JSON, with nothing for the lenient parser to repair.</summary>
    public static bool IsStrictJson(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
