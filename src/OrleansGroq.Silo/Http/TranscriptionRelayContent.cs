using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>
/// The client's multipart upload, re-emitted section by section to the upstream as it is read, so an audio
/// file of any size is never held in memory. The <c>model</c> field is resolved (an alias becomes a model id)
/// on the way; a bad model or an oversized upload stops the relay and leaves the refusal in <see cref="Refusal"/>.
/// </summary>
public sealed class TranscriptionRelayContent : HttpContent
{
    private const int MaxFieldLength = 256;

    private readonly MultipartReader _reader;
    private readonly string _boundary;
    private readonly ModelCatalog _catalog;
    private readonly long _limit;

    public TranscriptionRelayContent(string boundary, Stream body, ModelCatalog catalog, long limit)
    {
        _boundary = boundary;
        _reader = new MultipartReader(boundary, body);
        _catalog = catalog;
        _limit = limit;
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
    }

    public ModelSpec? Model { get; private set; }

    public OpenAiErrorResult? Refusal { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        long copied = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await _reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                await WriteAsync(stream, $"--{_boundary}\r\n", cancellationToken);
                foreach (var (name, value) in section.Headers ?? [])
                {
                    await WriteAsync(stream, $"{name}: {value}\r\n", cancellationToken);
                }

                await WriteAsync(stream, "\r\n", cancellationToken);
                if (IsField(section, "model"))
                {
                    await WriteAsync(stream, await ResolveModelAsync(section, cancellationToken), cancellationToken);
                }
                else
                {
                    int read;
                    while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        copied += read;
                        if (copied > _limit)
                        {
                            throw Refuse(GatewayErrors.BodyTooLarge(_limit));
                        }

                        await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }

                await WriteAsync(stream, "\r\n", cancellationToken);
            }

            if (Model is null)
            {
                throw Refuse(GatewayErrors.InvalidRequest("'model' is a required form field.", "model", "missing_required_parameter"));
            }

            await WriteAsync(stream, $"--{_boundary}--\r\n", cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private async Task<string> ResolveModelAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(section.Body, Encoding.UTF8);
        var buffer = new char[MaxFieldLength + 1];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        var requested = new string(buffer, 0, length).Trim();
        if (length > MaxFieldLength || !_catalog.TryResolve(requested, out var model))
        {
            throw Refuse(GatewayErrors.ModelNotFound(requested.Length > MaxFieldLength ? requested[..MaxFieldLength] : requested));
        }

        if (!model.Capabilities.HasFlag(ModelCapabilities.Audio))
        {
            throw Refuse(GatewayErrors.InvalidRequest($"The model `{model.Id}` does not support transcription.", "model", "model_not_supported"));
        }

        Model = model;
        return model.Id;
    }

    // An IOException: to the HTTP client a refused upload is a body stream that failed.
    private IOException Refuse(OpenAiErrorResult refusal)
    {
        Refusal = refusal;
        return new IOException(refusal.Message);
    }

    private static bool IsField(MultipartSection section, string name) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
        && disposition.IsFormDisposition()
        && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, name, StringComparison.Ordinal);

    private static ValueTask WriteAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
}
