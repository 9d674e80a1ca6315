using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Endpoints;

/// <summary><c>POST /audio/transcriptions</c>: the upload is streamed through as multipart, never buffered whole.</summary>
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

        using var content = new TranscriptionRelayContent(boundary, context.Request.Body, catalog, limit);
        var result = await forwarder.ForwardTranscriptionAsync(content, SessionAffinity.Of(context, user: null), context.RequestAborted);
        if (content.Refusal is { } refusal)
        {
            result.Response?.Dispose();
            return refusal;
        }

        return ForwardResponses.ToResult(context, result, content.Model?.Id ?? "", stream: false, upstreamOptions.Value);
    }
}
