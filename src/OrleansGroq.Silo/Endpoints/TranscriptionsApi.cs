using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>
/// <c>POST /audio/transcriptions</c>: the multipart upload is checked whole (<see cref="SpooledUpload"/>, <see cref="TranscriptionUploadRules"/>) before it
/// goes upstream, so a malformed one or a bad model costs no upstream call.
/// </summary>
public static class TranscriptionsApi
{
    public static RouteGroupBuilder MapTranscriptionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/audio/transcriptions", TranscribeAsync).DisableAntiforgery().AcceptsMultipart();
        return api;
    }

    private static async Task<IResult> TranscribeAsync(
        HttpContext context,
        UpstreamForwarder forwarder,
        ModelCatalog catalog,
        IOptions<GatewayOptions> gatewayOptions,
        IOptions<UpstreamOptions> upstreamOptions)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return GatewayErrors.InvalidRequest(
                "A transcription request must be multipart/form-data with a 'file' and a 'model' field.", null, "invalid_content_type");
        }

        var limit = gatewayOptions.Value.MaxAudioBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return GatewayErrors.BodyTooLarge(limit);
        }

        // Kestrel's own limit is lifted for every route; an upload is held to the audio limit as it is read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        var rules = new TranscriptionUploadRules(catalog);
        var (upload, refusal) = await SpooledUpload.ReadAsync(boundary, context.Request.Body, limit, rules, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        using (upload)
        {
            var result = await forwarder.ForwardTranscriptionAsync(upload!, SessionAffinity.Of(context, user: null), context.RequestAborted);
            return ForwardResponses.ToResult(context, result, rules.Model!.Id, stream: false, upstreamOptions.Value);
        }
    }
}
