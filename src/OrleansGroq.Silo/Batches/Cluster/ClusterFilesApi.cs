using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Grains.Batches;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Batches.Cluster;

/// <summary>
/// Groq's Files API served by the cluster (<c>Batches:Mode = cluster</c>): <c>POST /files</c>, <c>GET /files</c>,
/// <c>GET /files/{id}</c>, <c>GET /files/{id}/content</c> and <c>DELETE /files/{id}</c>, on the
/// <see cref="IBatchFileStore"/>, each confined to the caller's tenant: another tenant's file is not found.
/// </summary>
public static class ClusterFilesApi
{
    public static RouteGroupBuilder MapClusterFilesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/files", UploadAsync).DisableAntiforgery().AcceptsMultipart();
        api.MapGet("/files", ListAsync);
        api.MapGet("/files/{id}", GetAsync);
        api.MapGet("/files/{id}/content", ContentAsync);
        api.MapDelete("/files/{id}", DeleteAsync);
        return api;
    }

    /// <summary>
    /// Checked by the same rules as pass-through mode's upload (<see cref="FileUploadRules"/>), then the file part is
    /// read back from the checked upload and stored whole.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, IBatchFileStore files, IOptions<BatchesOptions> options, TimeProvider time)
    {
        var (upload, boundary, refusal) = await BatchFileUpload.ReadAsync(context, options.Value);
        if (refusal is not null)
        {
            return refusal;
        }

        using (upload)
        {
            var (name, content) = await FilePartAsync(upload!, boundary, context.RequestAborted);
            var file = new BatchFile(BatchIds.New("file_", time), ClusterCaller.Tenant(context), name, FileUploadRules.BatchPurpose, content.Length, time.GetUtcNow());
            await files.SaveAsync(file, content, context.RequestAborted);
            return ClusterJson.File(file);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, IBatchFileStore files) =>
        ClusterJson.FileList(await files.ListAsync(ClusterCaller.Tenant(context), context.RequestAborted));

    private static async Task<IResult> GetAsync(HttpContext context, IBatchFileStore files, string id) =>
        await ClusterCaller.FindFileAsync(context, files, id) is { } file ? ClusterJson.File(file) : GatewayErrors.FileNotFound(id);

    private static async Task<IResult> ContentAsync(HttpContext context, IBatchFileStore files, string id) =>
        await ClusterCaller.FindFileAsync(context, files, id) is not null && await files.ReadContentAsync(id, context.RequestAborted) is { } content
            ? Results.Bytes(content, "application/octet-stream")
            : GatewayErrors.FileNotFound(id);

    private static async Task<IResult> DeleteAsync(HttpContext context, IBatchFileStore files, string id) =>
        await ClusterCaller.FindFileAsync(context, files, id) is not null && await files.DeleteAsync(id, context.RequestAborted)
            ? ClusterJson.FileDeleted(id)
            : GatewayErrors.FileNotFound(id);

    /// <summary>The checked upload's one <c>file</c> part: its file name (only the last path segment) and its bytes.</summary>
    private static async Task<(string Name, byte[] Content)> FilePartAsync(SpooledUpload upload, string boundary, CancellationToken cancellationToken)
    {
        await using var form = await upload.ReadAsStreamAsync(cancellationToken);
        var reader = new MultipartReader(boundary, form) { BodyLengthLimit = null };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
            {
                continue;
            }

            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content, cancellationToken);
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            return (Path.GetFileName(fileName) is { Length: > 0 } name ? name : "file", content.ToArray());
        }

        // FileUploadRules refused an upload without a file part, so it has one.
        throw new InvalidOperationException("A checked upload has no 'file' part.");
    }
}
