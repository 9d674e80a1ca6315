using System.Text.Json;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Grains.Extraction;

/// <summary>The text a model produced, from a chat completion or from Groq's <c>json_validate_failed</c> error.</summary>
public static class ModelAnswers
{
    /// <summary>
    /// What an upstream answer says of the model's text: the completion's content when it succeeded, the refused
    /// generation of a <c>json_validate_failed</c>, and nothing from any other error.
    /// </summary>
    public static (string? Answer, bool ValidateFailed) Read(bool succeeded, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (succeeded)
        {
            return (Content(body), false);
        }

        return UpstreamErrors.Parse(body)?.Code == "json_validate_failed" ? (FailedGeneration(body), true) : (null, false);
    }

    /// <summary><c>choices[0].message.content</c>, or null when the body has none.</summary>
    internal static string? Content(byte[] completion)
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
    internal static string? FailedGeneration(byte[] error)
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
    internal static bool IsStrictJson(string answer)
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
