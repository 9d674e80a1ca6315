using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using OrleansGroq.Client.Http;

namespace OrleansGroq.Client;

/// <summary><see cref="IBatchClient"/> over the gateway's <c>/v1/files</c> and <c>/v1/batches</c> routes.</summary>
public sealed class OrleansGroqBatchClient : IBatchClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TimeProvider _time;

    /// <summary>A client with its own <see cref="HttpClient"/>, failing over between <see cref="OrleansGroqClientOptions.Endpoints"/>.</summary>
    public OrleansGroqBatchClient(OrleansGroqClientOptions options)
        : this(GatewayHttpClient.Create(options), options, TimeProvider.System, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// A client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the gateway's root (the
    /// endpoints of <paramref name="options"/> are not used); <paramref name="time"/> paces <see cref="WaitAsync"/>.
    /// </summary>
    public OrleansGroqBatchClient(HttpClient httpClient, OrleansGroqClientOptions options, TimeProvider? time = null)
        : this(httpClient, options, time ?? TimeProvider.System, ownsHttpClient: false)
    {
    }

    private OrleansGroqBatchClient(HttpClient httpClient, OrleansGroqClientOptions options, TimeProvider time, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _time = time;
        _authorization = options.ApiKey is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;
    }

    /// <inheritdoc />
    public async Task<string> UploadAsync(Stream jsonl, string fileName = "batch.jsonl", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(jsonl);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", fileName);
        form.Add(new StringContent("batch"), "purpose");
        using var json = await SendAsync(HttpMethod.Post, "v1/files", form, cancellationToken).ConfigureAwait(false);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <inheritdoc />
    public async Task<GatewayBatch> CreateAsync(string inputFileId, string completionWindow = "24h", CancellationToken cancellationToken = default)
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("input_file_id", inputFileId);
            writer.WriteString("endpoint", "/v1/chat/completions");
            writer.WriteString("completion_window", completionWindow);
            writer.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var json = await SendAsync(HttpMethod.Post, "v1/batches", content, cancellationToken).ConfigureAwait(false);
        return Read(json.RootElement);
    }

    /// <inheritdoc />
    public async Task<GatewayBatch> GetAsync(string batchId, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Get, BatchPath(batchId), null, cancellationToken).ConfigureAwait(false);
        return Read(json.RootElement);
    }

    /// <inheritdoc />
    public async Task<GatewayBatch> WaitAsync(string batchId, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var batch = await GetAsync(batchId, cancellationToken).ConfigureAwait(false);
            if (batch.IsFinished)
            {
                return batch;
            }

            await Task.Delay(pollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<GatewayBatch> CancelAsync(string batchId, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Post, BatchPath(batchId) + "/cancel", null, cancellationToken).ConfigureAwait(false);
        return Read(json.RootElement);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JsonElement> ReadLinesAsync(string fileId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/files/{Uri.EscapeDataString(fileId)}/content");
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GatewayErrors.FromAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    using var document = JsonDocument.Parse(line);
                    yield return document.RootElement.Clone();
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static string BatchPath(string batchId) => $"v1/batches/{Uri.EscapeDataString(batchId)}";

    private static GatewayBatch Read(JsonElement batch)
    {
        var counts = batch.TryGetProperty("request_counts", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return new GatewayBatch(
            batch.GetProperty("id").GetString()!,
            batch.GetProperty("status").GetString()!,
            batch.GetProperty("input_file_id").GetString()!,
            Text(batch, "output_file_id"),
            Text(batch, "error_file_id"),
            Count(counts, "total"),
            Count(counts, "completed"),
            Count(counts, "failed"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Count(JsonElement counts, string name) =>
        counts.ValueKind == JsonValueKind.Object && counts.TryGetProperty(name, out var value) && value.TryGetInt32(out var count) ? count : 0;

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GatewayErrors.FromAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
