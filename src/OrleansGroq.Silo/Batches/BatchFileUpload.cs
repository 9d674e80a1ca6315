using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Batches;

/// <summary>
/// Reads a <c>POST /files</c> upload for either mode: multipart with a boundary, held to <c>Batches:MaxFileBytes</c>
/// as it is read, and checked by <see cref="FileUploadRules"/>; or the refusal that names what is wrong.
/// </summary>
internal static class BatchFileUpload
{
    public static async Task<(SpooledUpload? Upload, string Boundary, IResult? Refusal)> ReadAsync(HttpContext context, BatchesOptions options)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, "", GatewayErrors.InvalidRequest(
                "A file upload must be multipart/form-data with a 'file' and a 'purpose' field.", null, "invalid_content_type"));
        }

        var limit = options.MaxFileBytes;
        if (context.Request.ContentLength > limit)
        {
            return (null, boundary, GatewayErrors.BodyTooLarge(limit));
        }

        // Kestrel's own limit is lifted for every route; an upload is held to the file limit as it is read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        var (upload, refusal) = await SpooledUpload.ReadAsync(boundary, context.Request.Body, limit, new FileUploadRules(), context.RequestAborted);
        return (upload, boundary, refusal);
    }
}
