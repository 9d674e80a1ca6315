using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Extraction;
using OrleansGroq.Silo.Fallback;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>
/// <c>POST /extract</c>: <c>{"text", "schema", "model"?, "instructions"?}</c> in, JSON that meets the schema out, with
/// how it was obtained and how much of it was found. It is chat work like any other: the tenant's fair share admits
/// it, and each of its LLM calls takes the cascade (a fallback model or the backup provider) under the quota. The
/// extraction row of the failure matrix (its own retries on <c>json_validate_failed</c>, then a strict model) runs
/// on answers; once the LLM attempts are spent, regex extraction is the local answer, marked as degraded, or the
/// truthful error when the client refuses local answers.
/// </summary>
public static class ExtractApi
{
    public static RouteGroupBuilder MapExtractApi(this RouteGroupBuilder api)
    {
        api.MapPost("/extract", ExtractAsync);
        return api;
    }

    private static async Task<IResult> ExtractAsync(
        HttpContext context, [AsParameters] ChatServices services, StructuredExtractor extractor, IOptions<RoutingOptions> routing)
    {
        var gateway = services.GatewayOptions.Value;
        using var body = await RequestBodyReader.ReadAsync(context.Request, gateway.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return GatewayErrors.BodyTooLarge(gateway.MaxRequestBodyBytes);
        }

        if (ExtractionRequests.TryRead(body.Memory, out var fields) is { } invalid)
        {
            return invalid;
        }

        var modelName = fields.Model ?? routing.Value.RuleModels.StrictJson;
        var trail = context.Features.GetRequiredFeature<RequestTrail>();
        trail.ModelAsked = modelName;
        if (!services.Catalog.TryResolve(modelName, out var model))
        {
            return GatewayErrors.ModelNotFound(modelName);
        }

        if (!model.Capabilities.HasFlag(ModelCapabilities.Json))
        {
            return GatewayErrors.InvalidRequest($"The model `{model.Id}` cannot produce JSON; choose a model with JSON support.", "model", "model_not_supported");
        }

        // The text and the schema, as a prompt, are most of what the first call sends.
        var promptTokens = (fields.Text.Length + fields.Schema.GetRawText().Length + (fields.Instructions?.Length ?? 0) + 3) / 4;
        if (QuotaDemands.TryRead(context, services.Estimator.Reserve(promptTokens, null), gateway, out var demand) is { } invalidDemand)
        {
            return invalidDemand;
        }

        if (services.Degraded.TryRead(context, out var degradedAllowed) is { } invalidDegraded)
        {
            return invalidDegraded;
        }

        var (tenantHold, refusal) = await services.Tenants.AdmitAsync(context.Features.GetRequiredFeature<GatewayClient>().Tenant, demand, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var pipeline = new ExtractionCascade(services.Cascade, services.Router, services.Estimator, SessionAffinity.Of(context, null), demand, trail);
        ExtractionResult result;
        try
        {
            result = await extractor.ExtractAsync(new ExtractionRequest(fields.Text, fields.Schema, model, fields.Instructions), pipeline, context.RequestAborted);
        }
        finally
        {
            // The tenant is charged what the answered calls used; calls that all failed cost it nothing.
            await (tenantHold is null ? ValueTask.CompletedTask : pipeline.Answered ? tenantHold.SettleAsync(pipeline.Usage) : tenantHold.ReleaseAsync());
        }

        if (pipeline.Moved)
        {
            context.Response.Headers[GatewayHeaders.Cascade] = CascadeOutcome.Describe(pipeline.Steps);
        }

        if (pipeline.Failure is { } failure && !degradedAllowed)
        {
            return Refused(context, failure, model.Id, services.UpstreamOptions.Value);
        }

        context.Response.Headers[GatewayHeaders.Model] = result.Model;
        if (result.Source == ExtractionSource.Regex || pipeline.Failure is not null)
        {
            context.Response.Headers[GatewayHeaders.Degraded] = DegradedAnswerResult.Local;
            trail.DegradedCause = pipeline.Failure is { } spent ? LocalAnswers.CauseOf(spent) : "model_output_unusable";
        }

        return new ExtractionAnswerResult(result);
    }

    /// <summary>
    /// What the client that refuses local answers gets once the LLM attempts are spent: the error a chat completion
    /// would get, a 429 with <c>retry-after</c> when it was the budget or the keys' cooldowns.
    /// </summary>
    private static IResult Refused(HttpContext context, CascadeOutcome failure, string model, UpstreamOptions upstream) =>
        failure.Failed || failure.Result.Failure == UpstreamFailure.None
            ? LocalAnswers.Refuse(failure, model)
            : ForwardResponses.ToResult(context, failure.Result, failure.Model, stream: false, upstream);
}
