using System.Globalization;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// A transcription upload's rules: a <c>model</c> the catalog serves for audio (an alias goes upstream as the model's
/// id), a <c>file</c> or a <c>url</c>, and Groq's documented values for <c>response_format</c> and <c>temperature</c>.
/// </summary>
public sealed class TranscriptionUploadRules(ModelCatalog catalog) : IUploadRules
{
    private const int MaxModelLength = 256;
    private static readonly string[] ResponseFormats = ["json", "text", "verbose_json"];

    private bool _hasAudio;

    /// <summary>The model the upload names, resolved from the catalog, once the upload has been read.</summary>
    public ModelSpec? Model { get; private set; }

    public bool IsFile(string name, bool fileDisposition) => name == "file" || fileDisposition;

    public void EndFile(string name, long bytes) => _hasAudio |= name == "file";

    public OpenAiErrorResult? Field(string name, string value, out string? replacement)
    {
        replacement = null;
        _hasAudio |= name == "url" && value.Length > 0;
        if (name != "model")
        {
            return CheckField(name, value);
        }

        var refusal = ResolveModel(value);
        replacement = Model?.Id;
        return refusal;
    }

    public OpenAiErrorResult? Finish() =>
        Model is null ? GatewayErrors.InvalidRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter")
        : !_hasAudio ? GatewayErrors.InvalidRequest("Missing required parameter: 'file' (or 'url').", "file", "missing_required_parameter")
        : null;

    private OpenAiErrorResult? ResolveModel(string requested)
    {
        if (requested.Length == 0)
        {
            return GatewayErrors.InvalidRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }

        if (requested.Length > MaxModelLength || !catalog.TryResolve(requested, out var model))
        {
            return GatewayErrors.ModelNotFound(requested);
        }

        if (!model.Capabilities.HasFlag(ModelCapabilities.Audio))
        {
            return GatewayErrors.InvalidRequest($"The model `{model.Id}` does not support transcription.", "model", "model_not_supported");
        }

        Model = model;
        return null;
    }

    // The fields whose values Groq documents; the rest (language, prompt, ...) are free text.
    private static OpenAiErrorResult? CheckField(string name, string value) => name switch
    {
        "response_format" when !ResponseFormats.Contains(value) => GatewayErrors.InvalidRequest(
            $"Invalid value for 'response_format': expected one of 'json', 'text' or 'verbose_json', but got '{EchoText.Truncate(value)}' instead.",
            "response_format",
            "invalid_value"),
        "temperature" when !(double.TryParse(value, CultureInfo.InvariantCulture, out var t) && t >= 0 && t <= 1) =>
            GatewayErrors.InvalidRequest(
                $"Invalid 'temperature': expected a number from 0 to 1, but got '{EchoText.Truncate(value)}' instead.", "temperature", "invalid_value"),
        _ => null,
    };
}
