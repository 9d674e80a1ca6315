using System.Text.Json;

namespace OrleansGroq.Silo.Batches;

/// <summary>
/// A small successful JSON answer of Groq's (a file or batch object, a list), read whole so the gateway can act on it
/// and still relay it as sent. Error answers are not read: they are relayed as they come, headers and all.
/// </summary>
public sealed class UpstreamJson : IDisposable
{
    private readonly JsonDocument? _document;

    private UpstreamJson(int statusCode, string? contentType, byte[] body, JsonDocument? document)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        _document = document;
    }

    public int StatusCode { get; }

    public string? ContentType { get; }

    public byte[] Body { get; }

    /// <summary>The parsed body; undefined when it is not JSON, which the gateway then only relays.</summary>
    public JsonElement Root => _document?.RootElement ?? default;

    /// <summary>Reads and disposes <paramref name="response"/>.</summary>
    public static async Task<UpstreamJson> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                // Relayed as it came: the client sees what Groq sent.
            }

            return new UpstreamJson((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, document);
        }
    }

    /// <summary>The answer as Groq sent it.</summary>
    public IResult ToResult() => Results.Text(Body, ContentType ?? "application/json", StatusCode);

    public void Dispose() => _document?.Dispose();
}
