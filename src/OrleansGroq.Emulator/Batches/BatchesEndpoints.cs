using System.Globalization;
using System.Text.Json;
using OrleansGroq.Emulator.Accounts;
using OrleansGroq.Emulator.Http;

namespace OrleansGroq.Emulator.Batches;

/// <summary>
/// Groq's Batch API (see README.md): <c>POST /batches</c>, <c>GET /batches/{id}</c>, <c>GET /batches</c> and
/// <c>POST /batches/{id}/cancel</c>, each scoped to the caller's organization. A created batch runs in the background.
/// </summary>
internal sealed class BatchesEndpoints(EmulatorRuntime runtime)
{
    public const string ChatEndpoint = "/v1/chat/completions";
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);
    private const int MaxMetadataPairs = 16;
    private const int DefaultPage = 20;
    private const int MaxPage = 100;

    private readonly BatchRunner _runner = new(runtime);

    public async Task CreateAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } key)
        {
            await GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
            return;
        }

        BatchJob job;
        using (var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted))
        {
            var (created, error) = Read(body.Span, key);
            if (error is not null)
            {
                await GroqErrorWriter.SendAsync(context.Response, error);
                return;
            }

            job = created!;
        }

        runtime.Batches.Add(job);
        _ = Task.Run(() => _runner.RunAsync(job));
        await JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, job, BatchJson.Write);
    }

    public Task GetAsync(HttpContext context, string id) => WithBatchAsync(context, id, job =>
        JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, job, BatchJson.Write));

    public Task CancelAsync(HttpContext context, string id) => WithBatchAsync(context, id, job =>
        job.RequestCancel(runtime.Time.GetUtcNow())
            ? JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, job, BatchJson.Write)
            : GroqErrorWriter.SendAsync(context.Response, new GroqError(
                StatusCodes.Status409Conflict, $"Cannot cancel a batch with status `{BatchJson.Name(job.Status)}`.", GroqErrors.InvalidRequest, "batch_not_cancellable")));

    public Task ListAsync(HttpContext context)
    {
        if (Authenticate(context) is not { } key)
        {
            return GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
        }

        var query = context.Request.Query;
        var limit = DefaultPage;
        if (query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPage))
        {
            return GroqErrorWriter.SendAsync(context.Response, GroqErrors.Invalid($"`limit` must be an integer from 1 to {MaxPage}.", "limit"));
        }

        var after = query["after"].ToString();
        var page = runtime.Batches.List(key.Account.Id, after.Length > 0 ? after : null, limit);
        return JsonResponse.SendAsync(context.Response, StatusCodes.Status200OK, page, BatchJson.WriteList);
    }

    private (BatchJob? Job, GroqError? Error) Read(ReadOnlySpan<byte> body, ApiKey key)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return (null, GroqErrors.MalformedJson);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, GroqErrors.MalformedJson);
            }

            if (Text(root, "input_file_id") is not { } fileId)
            {
                return (null, GroqErrors.Invalid("`input_file_id` is required and must be a string.", "input_file_id"));
            }

            if (runtime.Files.Find(key.Account.Id, fileId) is not { Purpose: "batch" })
            {
                return (null, GroqErrors.Invalid($"`input_file_id` `{GroqErrors.Quote(fileId)}` is not a batch file of this organization.", "input_file_id"));
            }

            if (Text(root, "endpoint") != ChatEndpoint)
            {
                return (null, GroqErrors.Invalid($"`endpoint` must be `{ChatEndpoint}`.", "endpoint"));
            }

            var windowText = Text(root, "completion_window");
            if (windowText is null || ParseWindow(windowText) is not { } window)
            {
                return (null, GroqErrors.Invalid("`completion_window` must be a duration from `24h` to `7d`, such as `24h` or `7d`.", "completion_window"));
            }

            var (metadata, metadataError) = ReadMetadata(root);
            if (metadataError is not null)
            {
                return (null, metadataError);
            }

            var now = runtime.Time.GetUtcNow();
            return (new BatchJob(RequestIds.NewId("batch_", runtime.Time), key.Account.Id, fileId, ChatEndpoint, windowText, metadata, now, now + window), null);
        }
    }

    private static (IReadOnlyDictionary<string, string>? Metadata, GroqError? Error) ReadMetadata(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        var invalid = GroqErrors.Invalid($"`metadata` must be an object of at most {MaxMetadataPairs} string values.", "metadata");
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, invalid);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || metadata.Count == MaxMetadataPairs)
            {
                return (null, invalid);
            }

            metadata[property.Name] = property.Value.GetString()!;
        }

        return (metadata, null);
    }

    /// <summary><c>24h</c> to <c>7d</c>: a whole number of hours or days within Groq's bounds.</summary>
    private static TimeSpan? ParseWindow(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        TimeSpan? window = text[^1] switch
        {
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        return window >= ShortestWindow && window <= LongestWindow ? window : null;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Task WithBatchAsync(HttpContext context, string id, Func<BatchJob, Task> found)
    {
        if (Authenticate(context) is not { } key)
        {
            return GroqErrorWriter.SendAsync(context.Response, GroqErrors.InvalidApiKey);
        }

        return runtime.Batches.Find(key.Account.Id, id) is { } job
            ? found(job)
            : GroqErrorWriter.SendAsync(context.Response, GroqErrors.NotFound($"Batch `{GroqErrors.Quote(id)}` not found."));
    }

    private ApiKey? Authenticate(HttpContext context) => BearerAuthentication.Authenticate(context.Request, runtime.Keys);
}
