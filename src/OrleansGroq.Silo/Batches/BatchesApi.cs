using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Batches;

/// <summary>
/// Groq's Batch API, relayed (pass-through mode): <c>POST /batches</c>, <c>GET /batches</c>, <c>GET /batches/{id}</c>
/// and <c>POST /batches/{id}/cancel</c>, each confined to the caller's tenant. A batch runs at Groq with the key and
/// account that hold its input file; the output and error files it produces become the tenant's as soon as a call
/// shows them.
/// </summary>
public static class BatchesApi
{
    private const string Collection = "batches";

    public static RouteGroupBuilder MapBatchesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/batches", CreateAsync);
        api.MapGet("/batches", ListAsync);
        api.MapGet("/batches/{id}", GetAsync);
        api.MapPost("/batches/{id}/cancel", CancelAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PassThrough groq, IOptions<GatewayOptions> gatewayOptions)
    {
        var limit = gatewayOptions.Value.MaxRequestBodyBytes;
        using var body = await RequestBodyReader.ReadAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            return GatewayErrors.BodyTooLarge(limit);
        }

        string inputFileId;
        using (var request = TryParse(body.Memory))
        {
            if (request?.RootElement is not { ValueKind: JsonValueKind.Object } root)
            {
                return GatewayErrors.InvalidJson();
            }

            if ((RequiredText(root, "input_file_id", out var fileId) ?? RequiredText(root, "endpoint", out _) ?? RequiredText(root, "completion_window", out _)) is { } missing)
            {
                return missing;
            }

            inputFileId = fileId!;
        }

        // Checked here, so that a batch Groq would refuse, or one over another tenant's file, costs no upstream call.
        if (await groq.FindAsync(context, inputFileId) is not { } file)
        {
            return GatewayErrors.InputFileNotFound(inputFileId);
        }

        if (file.Purpose != FileUploadRules.BatchPurpose)
        {
            return GatewayErrors.InputFileNotForBatch(inputFileId, file.Purpose);
        }

        var key = groq.KeyFor(file.KeyAlias, file.Account);
        using var content = new ReadOnlyMemoryContent(body.Memory);
        content.Headers.ContentType = new("application/json");
        var (response, failed) = await groq.SendAsync(context, key, HttpMethod.Post, Collection, content);
        if (failed is not null)
        {
            return failed;
        }

        if (!response!.IsSuccessStatusCode)
        {
            return new UpstreamRelayResult(response, stream: false);
        }

        using var batch = await UpstreamJson.ReadAsync(response, context.RequestAborted);
        if (ObjectJson.IdOf(batch.Root) is { } id)
        {
            await groq.ClaimAsync(context, id, ObjectKind.Batch, key!, purpose: null);
        }

        return batch.ToResult();
    }

    private static Task<IResult> GetAsync(HttpContext context, PassThrough groq, string id) => RelayAsync(context, groq, id, HttpMethod.Get, null);

    private static Task<IResult> CancelAsync(HttpContext context, PassThrough groq, string id) => RelayAsync(context, groq, id, HttpMethod.Post, "cancel");

    /// <summary>
    /// Paged from the tenant's index, then each batch read from Groq: Groq's list pages through a whole organization,
    /// which tenants may share, so filtering it could take many pages to fill one of the tenant's. This way a page costs
    /// at most <c>limit</c> upstream reads whatever the organization holds, and <c>after</c> and <c>has_more</c> are
    /// exact for the tenant.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext context, PassThrough groq)
    {
        if (!BatchListPage.TryReadLimit(context.Request.Query, out var limit, out var badLimit))
        {
            return badLimit;
        }

        var (page, hasMore) = BatchListPage.Select(context.Request.Query, await groq.ListAsync(context, ObjectKind.Batch), limit);
        // Side by side: a page of 20 batches at Groq's usual 100 ms per call takes 0.1 s rather than 2 s.
        var reads = await Task.WhenAll(page.Select(entry => ReadAsync(context, groq, entry)));
        foreach (var read in reads)
        {
            PassThrough.AddUpstreamTime(context, read.Elapsed);
        }

        HttpResponseMessage? relayed = null;
        try
        {
            if (reads.FirstOrDefault(r => r.Refusal is not null).Refusal is { } refusal)
            {
                return refusal;
            }

            if (reads.FirstOrDefault(r => r.Error is not null).Error is { } error)
            {
                return new UpstreamRelayResult(relayed = error, stream: false);
            }

            var owner = PassThrough.TenantOf(context);
            foreach (var (entry, read) in page.Zip(reads))
            {
                if (read.Batch is { } batch)
                {
                    await groq.AdoptResultsAsync(new ObjectOwner(owner, entry.KeyAlias, entry.Account, null), ObjectJson.ResultFilesOf(batch.Root));
                }
            }

            var batches = reads.Where(r => r.Batch is not null).Select(r => r.Batch!.Root).ToList();
            return Results.Bytes(ObjectJson.WriteBatchList(batches, hasMore), "application/json");
        }
        finally
        {
            foreach (var read in reads)
            {
                read.Batch?.Dispose();
                if (read.Error != relayed)
                {
                    read.Error?.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// One listed batch as Groq has it now; none when Groq no longer has it; or what stops the list: Groq's error
    /// answer, or the gateway's refusal.
    /// </summary>
    private static async Task<(UpstreamJson? Batch, HttpResponseMessage? Error, OpenAiErrorResult? Refusal, TimeSpan Elapsed)> ReadAsync(
        HttpContext context, PassThrough groq, OwnedObject entry)
    {
        var key = groq.KeyFor(entry.KeyAlias, entry.Account);
        var (response, refusal, elapsed) = await groq.CallAsync(key, HttpMethod.Get, PassThrough.PathOf(Collection, entry.Id), null, context.RequestAborted);
        if (response is null)
        {
            return (null, null, refusal, elapsed);
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return (null, null, null, elapsed);
        }

        return response.IsSuccessStatusCode
            ? (await UpstreamJson.ReadAsync(response, context.RequestAborted), null, null, elapsed)
            : (null, response, null, elapsed);
    }

    /// <summary>Relays a call about one of the tenant's batches, and adopts the result files the answer names.</summary>
    private static async Task<IResult> RelayAsync(HttpContext context, PassThrough groq, string id, HttpMethod method, string? action)
    {
        if (await groq.FindAsync(context, id) is not { } owner)
        {
            return GatewayErrors.BatchNotFound(id);
        }

        var (response, failed) = await groq.SendAsync(context, groq.KeyFor(owner.KeyAlias, owner.Account), method, PassThrough.PathOf(Collection, id, action));
        if (failed is not null)
        {
            return failed;
        }

        if (!response!.IsSuccessStatusCode)
        {
            return new UpstreamRelayResult(response, stream: false);
        }

        using var batch = await UpstreamJson.ReadAsync(response, context.RequestAborted);
        await groq.AdoptResultsAsync(owner, ObjectJson.ResultFilesOf(batch.Root));
        return batch.ToResult();
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Null when <paramref name="name"/> is a non-empty string; else the refusal that names it.</summary>
    private static OpenAiErrorResult? RequiredText(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return GatewayErrors.InvalidRequest($"Missing required parameter: '{name}'.", name, "missing_required_parameter");
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            return GatewayErrors.InvalidRequest($"Invalid type for '{name}': expected a non-empty string.", name, "invalid_type");
        }

        value = text;
        return null;
    }
}
