using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// A client's multipart upload, read and checked whole by its <see cref="IUploadRules"/> before any upstream request
/// opens, and re-emitted part by part as it came (with any field the rules replace).
/// </summary>
/// <remarks>
/// Checking first is the only way a malformed upload (a boundary that does not match, a cut-off body, oversized part
/// headers) or a bad field costs no upstream call: the npm SDKs send the file part before the other fields, and a
/// truncated body shows only at its end. Holding the upload costs its client-to-gateway time only, as Groq can do
/// nothing with a file before it has all of it either. It is held in memory up to 64 KB and in a temporary file beyond,
/// as ASP.NET Core's own form reader does, never whole in memory.
/// </remarks>
public sealed class SpooledUpload : HttpContent
{
    private const int MemoryThreshold = 64 * 1024;

    /// <summary>Largest non-file field: Groq's longest (a transcription's <c>prompt</c>, 224 tokens) fits many times.</summary>
    private const int MaxFieldBytes = 64 * 1024;

    private readonly FileBufferingWriteStream _buffer;
    private readonly long _length;

    private SpooledUpload(FileBufferingWriteStream buffer, long length, string boundary)
    {
        _buffer = buffer;
        _length = length;
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>Reads and checks the whole upload; either the upload or the client's refusal.</summary>
    /// <param name="boundary">The boundary named by the request's Content-Type.</param>
    /// <param name="body">The request body, whose size the caller limits to <paramref name="limit"/>.</param>
    /// <param name="limit">The body size limit, named in the refusal when it is passed.</param>
    /// <param name="rules">What this kind of upload accepts.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    public static async Task<(SpooledUpload? Upload, OpenAiErrorResult? Refusal)> ReadAsync(
        string boundary, Stream body, long limit, IUploadRules rules, CancellationToken cancellationToken)
    {
        var buffer = new FileBufferingWriteStream(MemoryThreshold);
        var chunk = ArrayPool<byte>.Shared.Rent(MaxFieldBytes + 1);
        var form = new Form(buffer, chunk, boundary, rules);
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

        return (new SpooledUpload(buffer, form.Length, boundary), null);
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

    /// <summary>The upload as it is copied: what has been written so far.</summary>
    private sealed class Form(Stream buffer, byte[] chunk, string boundary, IUploadRules rules)
    {
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
                var refusal = rules.IsFile(name, disposition.IsFileDisposition())
                    ? await CopyFileAsync(name, section, cancellationToken)
                    : await CopyFieldAsync(name, section, cancellationToken);
                if (refusal is not null)
                {
                    return refusal;
                }

                await WriteAsync("\r\n", cancellationToken);
            }

            if (rules.Finish() is { } problem)
            {
                return problem;
            }

            await WriteAsync($"--{boundary}--\r\n", cancellationToken);
            return null;
        }

        private async Task<OpenAiErrorResult?> CopyFileAsync(string name, MultipartSection section, CancellationToken cancellationToken)
        {
            if (rules.BeginFile(name) is { } refusal)
            {
                return refusal;
            }

            long bytes = 0;
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                await WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                bytes += read;
            }

            rules.EndFile(name, bytes);
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

            var bytes = value[..length];
            if (!Utf8.IsValid(bytes.Span))
            {
                return GatewayErrors.InvalidRequest(
                    $"Invalid encoding for '{EchoText.Truncate(name)}': form fields must be valid UTF-8.", EchoText.Truncate(name), "invalid_encoding");
            }

            if (rules.Field(name, Encoding.UTF8.GetString(bytes.Span).Trim(), out var replacement) is { } refusal)
            {
                return refusal;
            }

            await (replacement is null ? WriteAsync(bytes, cancellationToken) : WriteAsync(replacement, cancellationToken));
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
