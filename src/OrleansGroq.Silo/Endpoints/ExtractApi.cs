using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Extraction;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>
/// <c>POST /extract</c>: <c>{"text", "schema", "model"?, "instructions"?}</c> in, JSON that meets the schema out, with
/// how it was obtained and how much of it was found.
/// </summary>
public static class ExtractApi
{
    public static RouteGroupBuilder MapExtractApi(this RouteGroupBuilder api)
    {
        api.MapPost("/extract", ExtractAsync);
        return api;
    }

    private static async Task<IResult> ExtractAsync(
        HttpContext context,
        StructuredExtractor extractor,
        ModelCatalog catalog,
        IOptions<RoutingOptions> routing,
        IOptions<GatewayOptions> gateway)
    {
        var limit = gateway.Value.MaxRequestBodyBytes;
        using var body = await RequestBodyReader.ReadAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            return GatewayErrors.BodyTooLarge(limit);
        }

        if (ExtractionRequests.TryRead(body.Memory, out var fields) is { } invalid)
        {
            return invalid;
        }

        var modelName = fields.Model ?? routing.Value.RuleModels.StrictJson;
        if (!catalog.TryResolve(modelName, out var model))
        {
            return GatewayErrors.ModelNotFound(modelName);
        }

        if (!model.Capabilities.HasFlag(ModelCapabilities.Json))
        {
            return GatewayErrors.InvalidRequest($"The model `{model.Id}` cannot produce JSON; choose a model with JSON support.", "model", "model_not_supported");
        }

        if (QuotaDemands.TryRead(context, 0, gateway.Value, out var demand) is { } invalidDemand)
        {
            return invalidDemand;
        }

        var request = new ExtractionRequest(fields.Text, fields.Schema, model, fields.Instructions);
        var result = await extractor.ExtractAsync(request, SessionAffinity.Of(context, null), demand.MaxWait, context.RequestAborted);
        context.Response.Headers[GatewayHeaders.Model] = result.Model;
        if (result.Source == ExtractionSource.Regex)
        {
            context.Response.Headers[GatewayHeaders.Degraded] = "local";
        }

        return new ExtractionAnswerResult(result);
    }
}
