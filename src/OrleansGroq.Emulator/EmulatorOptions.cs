using System.Text.Json;
using OrleansGroq.Emulator.Configuration;

namespace OrleansGroq.Emulator;

/// <summary>
/// The emulator's configuration, read from snake_case JSON (see README.md). Anything left out keeps
/// Groq's defaults: every <c>gsk_</c> key is its own free-tier account, the embedded model catalog,
/// no delays.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Explicit accounts. When empty, any key starting with <c>gsk_</c> is accepted as its own account.</summary>
    public List<AccountOptions> Accounts { get; set; } = [];

    /// <summary>The model catalog; null means the embedded <c>emulator.defaults.json</c>.</summary>
    public List<ModelOptions>? Models { get; set; }

    /// <summary><c>zero</c> (no waiting at all) or <c>realistic</c> (catalog queue time, first-token time and speed).</summary>
    public string TimeProfile { get; set; } = TimeProfiles.Zero;

    /// <summary>Natural completion length in tokens, before <c>max_tokens</c> cuts it.</summary>
    public int DefaultCompletionTokens { get; set; } = 32;

    /// <summary>Fault rules active from the start.</summary>
    public List<FaultRule> Faults { get; set; } = [];

    /// <summary>Reads and validates a JSON configuration file.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read or a setting is invalid; the message names it.</exception>
    public static EmulatorOptions Load(string jsonPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jsonPath);
        string json;
        try
        {
            json = File.ReadAllText(jsonPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Emulator configuration: cannot read '{jsonPath}': {ex.Message}", ex);
        }

        return Parse(json);
    }

    /// <summary>Parses and validates JSON configuration text.</summary>
    /// <exception cref="InvalidOperationException">The JSON is malformed or a setting is invalid; the message names it.</exception>
    public static EmulatorOptions Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        EmulatorOptions? options;
        try
        {
            options = JsonSerializer.Deserialize(json, EmulatorJsonContext.Default.EmulatorOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Emulator configuration: invalid JSON at '{ex.Path}': {ex.Message}", ex);
        }

        if (options is null)
        {
            throw new InvalidOperationException("Emulator configuration: the document is null.");
        }

        OptionsValidator.Validate(options);
        return options;
    }
}
