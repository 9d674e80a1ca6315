using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Batches;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Batches.Cluster;

/// <summary>
/// Groq's Batch API served by the cluster (<c>Batches:Mode = cluster</c>): <c>POST /batches</c>, <c>GET /batches</c>,
/// <c>GET /batches/{id}</c> and <c>POST /batches/{id}/cancel</c>. Each batch is an <see cref="IBatchGrain"/>; a
/// tenant's batches are listed from its <see cref="ITenantObjectsGrain"/>, and another tenant's batch is not found.
/// </summary>
public static class ClusterBatchesApi
{
    private const string ChatEndpoint = "/v1/chat/completions";
    private const int MaxMetadataPairs = 16;
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);

    public static RouteGroupBuilder MapClusterBatchesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/batches", CreateAsync);
        api.MapGet("/batches", ListAsync);
        api.MapGet("/batches/{id}", GetAsync);
        api.MapPost("/batches/{id}/cancel", CancelAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IGrainFactory grains, IBatchFileStore files, IOptions<GatewayOptions> gatewayOptions, TimeProvider time)
    {
        var limit = gatewayOptions.Value.MaxRequestBodyBytes;
        using var body = await RequestBodyReader.ReadAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            return GatewayErrors.BodyTooLarge(limit);
        }

        var (request, refusal) = Read(body.Memory);
        if (refusal is not null)
        {
            return refusal;
        }

        var (inputFileId, window, windowText, metadata) = request!.Value;
        if (await ClusterCaller.FindFileAsync(context, files, inputFileId) is not { } file)
        {
            return GatewayErrors.InputFileNotFound(inputFileId);
        }

        if (file.Purpose != FileUploadRules.BatchPurpose)
        {
            return GatewayErrors.InputFileNotForBatch(inputFileId, file.Purpose);
        }

        var tenant = ClusterCaller.Tenant(context);
        var now = time.GetUtcNow();
        var id = BatchIds.New("batch_", time);
        var batch = await grains.GetGrain<IBatchGrain>(id).CreateAsync(new BatchSpec(tenant, inputFileId, ChatEndpoint, windowText, metadata, now, now + window));

        // The batch is the cluster's: no key or organization of Groq's holds it, so its index entry names none.
        await grains.GetGrain<ITenantObjectsGrain>(tenant).AddAsync(new OwnedObject(id, ObjectKind.Batch, KeyAlias: "", Account: ""));
        return ClusterJson.Batch(batch);
    }

    private static async Task<IResult> GetAsync(HttpContext context, IGrainFactory grains, string id) =>
        await ClusterCaller.FindBatchAsync(context, grains, id) is { } batch ? ClusterJson.Batch(batch) : GatewayErrors.BatchNotFound(id);

    private static async Task<IResult> CancelAsync(HttpContext context, IGrainFactory grains, string id)
    {
        if (await ClusterCaller.FindBatchAsync(context, grains, id) is not { } found)
        {
            return GatewayErrors.BatchNotFound(id);
        }

        if (found.IsFinished)
        {
            return GatewayErrors.BatchNotCancellable(ClusterJson.Name(found.Status));
        }

        var batch = await grains.GetGrain<IBatchGrain>(id).CancelAsync();
        return batch is { IsFinished: true, Status: not BatchStatus.Cancelled }
            ? GatewayErrors.BatchNotCancellable(ClusterJson.Name(batch.Status))
            : ClusterJson.Batch(batch!);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        if (!BatchListPage.TryReadLimit(context.Request.Query, out var limit, out var badLimit))
        {
            return badLimit;
        }

        var owned = await grains.GetGrain<ITenantObjectsGrain>(ClusterCaller.Tenant(context)).ListAsync(ObjectKind.Batch);
        var (page, hasMore) = BatchListPage.Select(context.Request.Query, owned, limit);
        var batches = await Task.WhenAll(page.Select(entry => grains.GetGrain<IBatchGrain>(entry.Id).GetAsync().AsTask()));
        return ClusterJson.BatchList([.. batches.OfType<BatchView>()], hasMore);
    }

    /// <summary>The batch a client asked for, checked as Groq checks it; or the refusal that names the first bad field.</summary>
    private static ((string InputFileId, TimeSpan Window, string WindowText, IReadOnlyDictionary<string, string>? Metadata)? Request, OpenAiErrorResult? Refusal) Read(
        ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, GatewayErrors.InvalidJson());
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, GatewayErrors.InvalidJson());
            }

            if (Text(root, "input_file_id") is not { Length: > 0 } fileId)
            {
                return (null, GatewayErrors.InvalidRequest("Missing required parameter: 'input_file_id'.", "input_file_id", "missing_required_parameter"));
            }

            if (Text(root, "endpoint") != ChatEndpoint)
            {
                return (null, GatewayErrors.InvalidRequest($"Invalid 'endpoint': expected '{ChatEndpoint}'.", "endpoint", "invalid_value"));
            }

            if (Text(root, "completion_window") is not { } windowText || ParseWindow(windowText) is not { } window)
            {
                return (null, GatewayErrors.InvalidRequest(
                    "Invalid 'completion_window': expected a duration from '24h' to '7d', such as '24h' or '7d'.", "completion_window", "invalid_value"));
            }

            var (metadata, invalid) = ReadMetadata(root);
            return invalid ? (null, GatewayErrors.InvalidRequest(
                    $"Invalid 'metadata': expected an object of at most {MaxMetadataPairs} string values.", "metadata", "invalid_value"))
                : ((fileId, window, windowText, metadata), null);
        }
    }

    private static (IReadOnlyDictionary<string, string>? Metadata, bool Invalid) ReadMetadata(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (null, false);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, true);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || metadata.Count == MaxMetadataPairs)
            {
                return (null, true);
            }

            metadata[property.Name] = property.Value.GetString()!;
        }

        return (metadata, false);
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
}
