using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Batches;

/// <summary>
/// A client's multipart file upload (<c>file</c> and <c>purpose</c>), read and checked whole before it goes to Groq,
/// and re-emitted part by part as it came.
/// </summary>
/// <remarks>
/// Checking first is the only way a wrong <c>purpose</c> or a cut-off body costs no upstream call: the npm SDKs send the
/// file part before the purpose, and a truncated body shows only at its end. As with a transcription upload
/// (<see cref="Http.TranscriptionUpload"/>), the upload is held in memory up to 64 KB and in a temporary file beyond,
/// never whole in memory, and Groq could do nothing with a file before it has all of it anyway.
/// </remarks>
public sealed class FileUpload : HttpContent
{
    /// <summary>The one purpose Groq accepts for an upload.</summary>
    public const string BatchPurpose = "batch";

    private const int MemoryThreshold = 64 * 1024;
    private const int MaxFieldBytes = 64 * 1024;

    private readonly FileBufferingWriteStream _buffer;
    private readonly long _length;

    private FileUpload(FileBufferingWriteStream buffer, long length, string boundary)
    {
        _buffer = buffer;
        _length = length;
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>Reads and checks the whole upload; either the upload or the client's refusal.</summary>
    /// <param name="boundary">The boundary named by the request's Content-Type.</param>
    /// <param name="body">The request body, whose size the caller limits to <paramref name="limit"/>.</param>
    /// <param name="limit">The body size limit, named in the refusal when it is passed.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    public static async Task<(FileUpload? Upload, OpenAiErrorResult? Refusal)> ReadAsync(
        string boundary, Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffer = new FileBufferingWriteStream(MemoryThreshold);
        var chunk = ArrayPool<byte>.Shared.Rent(MaxFieldBytes + 1);
        var form = new Form(buffer, chunk, boundary);
        OpenAiErrorResult? refusal;
        try
        {
            refusal = await form.CopyAsync(new MultipartReader(boundary, body), cancellationToken);
        }
        catch (InvalidDataException e)
        {
            refusal = GatewayErrors.InvalidMultipart($"The multipart body is malformed: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            refusal = GatewayErrors.BodyTooLarge(limit);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            refusal = GatewayErrors.InvalidMultipart(
                "The multipart body ended before its closing boundary. Check that the boundary in Content-Type matches the body.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (refusal is not null)
        {
            await buffer.DisposeAsync();
            return (null, refusal);
        }

        return (new FileUpload(buffer, form.Length, boundary), null);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _buffer.DrainBufferAsync(stream, cancellationToken);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The upload as it is copied: what has been written, and what the parts said.</summary>
    private sealed class Form(Stream buffer, byte[] chunk, string boundary)
    {
        private long _fileBytes = -1;
        private string? _purpose;

        public long Length { get; private set; }

        public async Task<OpenAiErrorResult?> CopyAsync(MultipartReader reader, CancellationToken cancellationToken)
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !(disposition.IsFormDisposition() || disposition.IsFileDisposition())
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    return GatewayErrors.InvalidMultipart("Every part of the upload must be a form-data field with a name.");
                }

                await WriteAsync($"--{boundary}\r\n", cancellationToken);
                foreach (var (header, value) in section.Headers ?? [])
                {
                    await WriteAsync($"{header}: {value}\r\n", cancellationToken);
                }

                await WriteAsync("\r\n", cancellationToken);
                var refusal = name == "file" ? await CopyFileAsync(section, cancellationToken) : await CopyFieldAsync(name, section, cancellationToken);
                if (refusal is not null)
                {
                    return refusal;
                }

                await WriteAsync("\r\n", cancellationToken);
            }

            var problem = _purpose is null ? GatewayErrors.InvalidRequest("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter")
                : _purpose != BatchPurpose ? GatewayErrors.InvalidRequest(
                    $"Invalid value for 'purpose': expected '{BatchPurpose}', but got '{EchoText.Truncate(_purpose)}' instead.", "purpose", "invalid_value")
                : _fileBytes < 0 ? GatewayErrors.InvalidRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter")
                : _fileBytes == 0 ? GatewayErrors.InvalidRequest("The uploaded 'file' is empty.", "file", "empty_file")
                : null;
            if (problem is not null)
            {
                return problem;
            }

            await WriteAsync($"--{boundary}--\r\n", cancellationToken);
            return null;
        }

        private async Task<OpenAiErrorResult?> CopyFileAsync(MultipartSection section, CancellationToken cancellationToken)
        {
            if (_fileBytes >= 0)
            {
                return GatewayErrors.InvalidRequest("The upload has more than one 'file' part; send one file per upload.", "file", "invalid_value");
            }

            _fileBytes = 0;
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                await WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                _fileBytes += read;
            }

            return null;
        }

        private async Task<OpenAiErrorResult?> CopyFieldAsync(string name, MultipartSection section, CancellationToken cancellationToken)
        {
            var value = chunk.AsMemory(0, MaxFieldBytes + 1);
            var length = await section.Body.ReadAtLeastAsync(value, value.Length, throwOnEndOfStream: false, cancellationToken);
            if (length > MaxFieldBytes)
            {
                return GatewayErrors.InvalidRequest(
                    $"The form field '{EchoText.Truncate(name)}' is larger than {MaxFieldBytes} bytes.", EchoText.Truncate(name), "invalid_value");
            }

            if (name == "purpose")
            {
                _purpose = Encoding.UTF8.GetString(value.Span[..length]).Trim();
            }

            await WriteAsync(value[..length], cancellationToken);
            return null;
        }

        private ValueTask WriteAsync(string text, CancellationToken cancellationToken) =>
            WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

        private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await buffer.WriteAsync(bytes, cancellationToken);
            Length += bytes.Length;
        }
    }
}
