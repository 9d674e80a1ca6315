using System.Text.Json;

namespace OrleansGroq.Emulator.Completions;

/// <summary>Top-level fields Groq accepts that change nothing in the emulator's answer, and whose values it leaves unchecked.</summary>
internal static class KnownFields
{
    private static readonly byte[][] Accepted =
    [
        "search_settings"u8.ToArray(),
        "compound_custom"u8.ToArray(),
        "documents"u8.ToArray(),
        "citation_options"u8.ToArray(),
        "disable_tool_validation"u8.ToArray(),
        "exclude_domains"u8.ToArray(),
        "include_domains"u8.ToArray(),
        "functions"u8.ToArray(),
        "function_call"u8.ToArray(),
    ];

    public static bool IsAccepted(ref Utf8JsonReader reader)
    {
        foreach (var name in Accepted)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }

        return false;
    }
}
