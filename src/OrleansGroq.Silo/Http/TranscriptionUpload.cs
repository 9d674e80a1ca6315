using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// A client's multipart transcription upload, read and checked whole before any upstream request opens, and
/// re-emitted section by section with the model resolved (an alias becomes a model id).
/// </summary>
/// <remarks>
/// Checking first is the only way a malformed upload (a boundary that does not match, a cut-off body, oversized part
/// headers) or a bad <c>model</c> costs no upstream call: the npm SDKs send the file part before the model, and a
/// truncated body shows only at its end. Holding the upload costs its client-to-gateway time only, as Groq cannot
/// transcribe before it has the whole file either. It is held in memory up to 64 KB and in a temporary file beyond,
/// as ASP.NET Core's own form reader does, never whole in memory.
/// </remarks>
public sealed class TranscriptionUpload : HttpContent
{
    private const int MemoryThreshold = 64 * 1024;
    private const int MaxModelLength = 256;

    /// <summary>Largest non-file field: Groq's <c>prompt</c> is 224 tokens, so this is generous.</summary>
    private const int MaxFieldBytes = 64 * 1024;

    private static readonly string[] ResponseFormats = ["json", "text", "verbose_json"];

    private readonly FileBufferingWriteStream _buffer;
    private readonly long _length;

    private TranscriptionUpload(FileBufferingWriteStream buffer, long length, string boundary, ModelSpec model)
    {
        _buffer = buffer;
        _length = length;
        Model = model;
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>The model the upload names, resolved from the catalog.</summary>
    public ModelSpec Model { get; }

    /// <summary>Reads and checks the whole upload; either the upload or the client's refusal.</summary>
    /// <param name="boundary">The boundary named by the request's Content-Type.</param>
    /// <param name="body">The request body, whose size the caller limits to <paramref name="limit"/>.</param>
    /// <param name="catalog">The models, to resolve the <c>model</c> field.</param>
    /// <param name="limit">The body size limit, named in the refusal when it is passed.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    public static async Task<(TranscriptionUpload? Upload, OpenAiErrorResult? Refusal)> ReadAsync(
        string boundary, Stream body, ModelCatalog catalog, long limit, CancellationToken cancellationToken)
    {
        var buffer = new FileBufferingWriteStream(MemoryThreshold);
        var chunk = ArrayPool<byte>.Shared.Rent(MaxFieldBytes + 1);
        var form = new Form(buffer, chunk, boundary, catalog);
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

        return (new TranscriptionUpload(buffer, form.Length, boundary, form.Model!), null);
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

    /// <summary>The upload as it is copied: what has been written, and what the fields said.</summary>
    private sealed class Form(Stream buffer, byte[] chunk, string boundary, ModelCatalog catalog)
    {
        private bool _hasAudio;

        public long Length { get; private set; }

        public ModelSpec? Model { get; private set; }

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
                var refusal = name == "file" || disposition.IsFileDisposition()
                    ? await CopyFileAsync(name, section, cancellationToken)
                    : await CopyFieldAsync(name, section, cancellationToken);
                if (refusal is not null)
                {
                    return refusal;
                }

                await WriteAsync("\r\n", cancellationToken);
            }

            if (Model is null)
            {
                return GatewayErrors.InvalidRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter");
            }

            if (!_hasAudio)
            {
                return GatewayErrors.InvalidRequest("Missing required parameter: 'file' (or 'url').", "file", "missing_required_parameter");
            }

            await WriteAsync($"--{boundary}--\r\n", cancellationToken);
            return null;
        }

        private async Task<OpenAiErrorResult?> CopyFileAsync(string name, MultipartSection section, CancellationToken cancellationToken)
        {
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                await WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            }

            _hasAudio |= name == "file";
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

            var text = Encoding.UTF8.GetString(bytes.Span).Trim();
            _hasAudio |= name == "url" && text.Length > 0;
            if (name == "model")
            {
                return ResolveModel(text) ?? await WriteAsync(Model!.Id, cancellationToken);
            }

            return CheckField(name, text) ?? await WriteAsync(bytes, cancellationToken);
        }

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

        private ValueTask<OpenAiErrorResult?> WriteAsync(string text, CancellationToken cancellationToken) =>
            WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

        private async ValueTask<OpenAiErrorResult?> WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await buffer.WriteAsync(bytes, cancellationToken);
            Length += bytes.Length;
            return null;
        }
    }
}
