using OrleansGroq.Grains.Chat;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Batches;

/// <summary>A file upload's rules: one non-empty <c>file</c> part and <c>purpose</c> <c>batch</c>, the one Groq accepts.</summary>
public sealed class FileUploadRules : IUploadRules
{
    /// <summary>The one purpose Groq accepts for an upload.</summary>
    public const string BatchPurpose = "batch";

    private long _fileBytes = -1;
    private string? _purpose;

    public bool IsFile(string name, bool fileDisposition) => name == "file";

    public OpenAiErrorResult? BeginFile(string name) => _fileBytes >= 0
        ? GatewayErrors.InvalidRequest("The upload has more than one 'file' part; send one file per upload.", "file", "invalid_value")
        : null;

    public void EndFile(string name, long bytes) => _fileBytes = bytes;

    public OpenAiErrorResult? Field(string name, string value, out string? replacement)
    {
        replacement = null;
        if (name == "purpose")
        {
            _purpose = value;
        }

        return null;
    }

    public OpenAiErrorResult? Finish() =>
        _purpose is null ? GatewayErrors.InvalidRequest("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter")
        : _purpose != BatchPurpose ? GatewayErrors.InvalidRequest(
            $"Invalid value for 'purpose': expected '{BatchPurpose}', but got '{EchoText.Truncate(_purpose)}' instead.", "purpose", "invalid_value")
        : _fileBytes < 0 ? GatewayErrors.InvalidRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter")
        : _fileBytes == 0 ? GatewayErrors.InvalidRequest("The uploaded 'file' is empty.", "file", "empty_file")
        : null;
}
