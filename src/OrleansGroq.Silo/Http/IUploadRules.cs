using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// What one kind of multipart upload accepts, asked part by part while <see cref="SpooledUpload"/> reads it: which
/// parts are files, what each field may say (and what the copy sends instead), and what the whole must hold.
/// </summary>
public interface IUploadRules
{
    /// <summary>Whether the part is file content, copied as it is, rather than a field read whole.</summary>
    bool IsFile(string name, bool fileDisposition);

    /// <summary>A file part begins; a refusal stops the upload.</summary>
    OpenAiErrorResult? BeginFile(string name) => null;

    /// <summary>A file part ended after <paramref name="bytes"/> bytes.</summary>
    void EndFile(string name, long bytes);

    /// <summary>Checks a field's value; <paramref name="replacement"/> is what the copy sends in its place, if not the value as sent.</summary>
    OpenAiErrorResult? Field(string name, string value, out string? replacement);

    /// <summary>Checks what the whole upload held, once every part is read.</summary>
    OpenAiErrorResult? Finish();
}
