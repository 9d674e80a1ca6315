using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Batches;

/// <summary>
/// Groq's Files API, relayed (pass-through mode): <c>POST /files</c>, <c>GET /files</c>, <c>GET /files/{id}</c>,
/// <c>GET /files/{id}/content</c> and <c>DELETE /files/{id}</c>, each confined to the caller's tenant.
/// </summary>
public static class FilesApi
{
    private const string Collection = "files";

    public static RouteGroupBuilder MapFilesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/files", UploadAsync).DisableAntiforgery().AcceptsMultipart();
        api.MapGet("/files", ListAsync);
        api.MapGet("/files/{id}", GetAsync);
        api.MapGet("/files/{id}/content", ContentAsync);
        api.MapDelete("/files/{id}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, PassThrough groq, IOptions<BatchesOptions> options)
    {
        var (upload, _, refusal) = await BatchFileUpload.ReadAsync(context, options.Value);
        if (refusal is not null)
        {
            return refusal;
        }

        using (upload)
        {
            var (key, noKey) = groq.KeyForNew(context);
            if (noKey is not null)
            {
                return noKey;
            }

            var (response, failed) = await groq.SendAsync(context, key, HttpMethod.Post, Collection, upload);
            if (failed is not null)
            {
                return failed;
            }

            if (!response!.IsSuccessStatusCode)
            {
                return new UpstreamRelayResult(response, stream: false);
            }

            using var file = await UpstreamJson.ReadAsync(response, context.RequestAborted);
            if (ObjectJson.IdOf(file.Root) is { } id)
            {
                await groq.ClaimAsync(context, id, ObjectKind.File, key!, FileUploadRules.BatchPurpose);
            }

            return file.ToResult();
        }
    }

    /// <summary>
    /// Relay, then filter: Groq lists a whole organization's files in one answer, and tenants may share an
    /// organization, so each organization that holds one of the tenant's files is asked once and only the tenant's
    /// files are kept, newest first.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext context, PassThrough groq)
    {
        var owned = await groq.ListAsync(context, ObjectKind.File);
        var ids = owned.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var query = context.Request.QueryString.Value;
        var lists = new List<UpstreamJson>();
        try
        {
            foreach (var account in owned.GroupBy(o => o.Account))
            {
                var (response, failed) = await groq.SendAsync(context, groq.KeyFor(account.First().KeyAlias, account.Key), HttpMethod.Get, Collection + query);
                if (failed is not null)
                {
                    return failed;
                }

                if (!response!.IsSuccessStatusCode)
                {
                    return new UpstreamRelayResult(response, stream: false);
                }

                lists.Add(await UpstreamJson.ReadAsync(response, context.RequestAborted));
            }

            var files = lists.SelectMany(list => ObjectJson.DataOf(list.Root))
                .Where(file => ObjectJson.IdOf(file) is { } id && ids.Contains(id))
                .OrderByDescending(ObjectJson.CreatedAtOf);
            return Results.Bytes(ObjectJson.WriteFileList(files), "application/json");
        }
        finally
        {
            lists.ForEach(list => list.Dispose());
        }
    }

    private static Task<IResult> GetAsync(HttpContext context, PassThrough groq, string id) =>
        RelayAsync(context, groq, id, HttpMethod.Get, null);

    private static Task<IResult> ContentAsync(HttpContext context, PassThrough groq, string id) =>
        RelayAsync(context, groq, id, HttpMethod.Get, "content");

    private static async Task<IResult> DeleteAsync(HttpContext context, PassThrough groq, string id)
    {
        if (await groq.FindAsync(context, id) is not { } owner)
        {
            return GatewayErrors.FileNotFound(id);
        }

        var (response, failed) = await groq.SendAsync(context, groq.KeyFor(owner.KeyAlias, owner.Account), HttpMethod.Delete, PassThrough.PathOf(Collection, id));
        if (failed is not null)
        {
            return failed;
        }

        // Gone at Groq either way: deleted now, or before (it expired, or was deleted there directly).
        if (response!.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await groq.ForgetAsync(id);
        }

        return new UpstreamRelayResult(response, stream: false);
    }

    /// <summary>Relays a call about one of the tenant's files; a file's content streams to the client as it arrives.</summary>
    private static async Task<IResult> RelayAsync(HttpContext context, PassThrough groq, string id, HttpMethod method, string? action)
    {
        if (await groq.FindAsync(context, id) is not { } owner)
        {
            return GatewayErrors.FileNotFound(id);
        }

        var (response, failed) = await groq.SendAsync(context, groq.KeyFor(owner.KeyAlias, owner.Account), method, PassThrough.PathOf(Collection, id, action));
        return failed is not null ? failed : new UpstreamRelayResult(response!, stream: false);
    }
}
