using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Extraction;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Quota;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>
/// <c>POST /extract</c>: <c>{"text", "schema", "model"?, "instructions"?}</c> in, JSON that meets the schema out, with
/// how it was obtained and how much of it was found. The tenant's fair share admits it like any other chat work;
/// the extraction row of the failure matrix (its own retries, then regex) follows.
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
        TenantBudgets tenants,
        QuotaTokenEstimator estimator,
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

        // The text and the schema, as a prompt, are most of what the first call sends.
        var promptTokens = (fields.Text.Length + fields.Schema.GetRawText().Length + (fields.Instructions?.Length ?? 0) + 3) / 4;
        if (QuotaDemands.TryRead(context, estimator.Reserve(promptTokens, null), gateway.Value, out var demand) is { } invalidDemand)
        {
            return invalidDemand;
        }

        var (tenantHold, refusal) = await tenants.AdmitAsync(context.Features.GetRequiredFeature<GatewayClient>().Tenant, demand, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var request = new ExtractionRequest(fields.Text, fields.Schema, model, fields.Instructions);
        ExtractionResult result;
        try
        {
            result = await extractor.ExtractAsync(request, SessionAffinity.Of(context, null), demand.MaxWait, context.RequestAborted);
        }
        finally
        {
            // The extractor may make several calls; the tenant is charged the first one's reservation, as a fair-share admission.
            await (tenantHold?.SettleAsync(null) ?? ValueTask.CompletedTask);
        }

        context.Response.Headers[GatewayHeaders.Model] = result.Model;
        if (result.Source == ExtractionSource.Regex)
        {
            context.Response.Headers[GatewayHeaders.Degraded] = "local";
        }

        return new ExtractionAnswerResult(result);
    }
}
