using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Caching;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Conversations;
using OrleansGroq.Grains.Fallback;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Conversations;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Fallback;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>
/// <c>POST /chat/completions</c>: validates what the gateway must vouch for, routes the request to a model, answers
/// deterministic requests from the cache, and otherwise runs the failure cascade, forwarding the client's bytes (only
/// the model value rewritten). When every LLM attempt failed, local logic answers, marked as degraded.
/// </summary>
public static class ChatCompletionsApi
{
    private static readonly IReadOnlySet<string> NoOwnFields = new HashSet<string>();

    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/chat/completions", CreateAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [AsParameters] ChatServices services)
    {
        var gateway = services.GatewayOptions.Value;
        using var body = await RequestBodyReader.ReadAsync(context.Request, gateway.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return GatewayErrors.BodyTooLarge(gateway.MaxRequestBodyBytes);
        }

        if (!ChatRequestReader.TryRead(body.Span, out var request, out var error))
        {
            return GatewayErrors.InvalidRequest(error);
        }

        var trail = context.Features.GetRequiredFeature<RequestTrail>();
        trail.ModelAsked = request.Model;
        var headers = context.Request.Headers;
        if (!RoutingHints.TryParse(headers[RoutingHeaders.MaxLatencyMs], headers[RoutingHeaders.Needs], headers[RoutingHeaders.CostSensitive], out var hints, out var hintError))
        {
            return GatewayErrors.InvalidRequest(hintError, null, "invalid_header");
        }

        var route = services.Router.Route(RouteRequest.For(request, hints, (int)Math.Min(int.MaxValue, QuotaTokenEstimator.PromptTokens(request))));
        if (!route.Succeeded)
        {
            return GatewayErrors.RouteFailed(route.Error.StatusCode, route.Error.Message, route.Error.Param, route.Error.Code);
        }

        context.Response.Headers[GatewayHeaders.Route] = route.Reason;
        if (QuotaDemands.TryRead(context, services.Estimator.Reserve(request), gateway, out var demand) is { } invalidDemand)
        {
            return invalidDemand;
        }

        if (services.Degraded.TryRead(context, out var degradedAllowed) is { } invalidDegraded)
        {
            return invalidDegraded;
        }

        if (headers[GatewayHeaders.ConversationId].ToString() is { Length: > 0 } conversationId)
        {
            return await ContinueConversationAsync(context, conversationId, body, request, route.Primary.Id, services, demand, degradedAllowed);
        }

        var tenant = context.Features.GetRequiredFeature<GatewayClient>().Tenant;
        var cacheKey = TryCacheKey(context, tenant, body, request, route.Primary.Id, services.Cache);
        if (cacheKey is { } key && services.Cache.TryGet(key, out var cached))
        {
            return new CachedAnswerResult(cached!);
        }

        var (tenantHold, refusal) = await services.Tenants.AdmitAsync(tenant, demand, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var plan = new CascadePlan(body, request, route.Primary, route.Fallback, SessionAffinity.Of(context, request.User), demand, trail);
        var outcome = await services.Cascade.RunAsync(plan, context.RequestAborted);
        if (outcome.Steps.Count > 1)
        {
            context.Response.Headers[GatewayHeaders.Cascade] = outcome.Describe();
        }

        if (outcome.Failed)
        {
            await (tenantHold?.ReleaseAsync() ?? ValueTask.CompletedTask);
            return services.LocalAnswers.Answer(context, outcome, body, route.Primary.Id, request.Stream, degradedAllowed);
        }

        if (cacheKey is { } storeKey && outcome.Result.Response is { StatusCode: System.Net.HttpStatusCode.OK } answer)
        {
            var bytes = await context.Features.GetRequiredFeature<RequestTiming>().WaitOnUpstreamAsync(answer.Content.ReadAsByteArrayAsync(context.RequestAborted));
            services.Cache.Set(storeKey, bytes, outcome.Model);
        }

        // A stream's usage is known only once relayed: its relay settles the hold. A refused request cost nothing.
        var served = outcome.Result.Response is { IsSuccessStatusCode: true };
        if (tenantHold is not null && !(served && request.Stream))
        {
            await (served ? tenantHold.SettleAsync(outcome.Result.Usage) : tenantHold.ReleaseAsync());
        }

        return ForwardResponses.ToResult(context, outcome.Result, outcome.Model, request.Stream, services.UpstreamOptions.Value, tenantHold, outcome.Streamed);
    }

    private static CacheKey? TryCacheKey(HttpContext context, string tenant, PooledBody body, ChatRequest request, string model, ResponseCache cache)
    {
        if (!cache.Enabled || !ResponseCachePolicy.IsCacheable(request))
        {
            return null;
        }

        using var rewritten = ModelRewrite.Apply(body, request, model);
        context.Response.Headers[GatewayHeaders.Cache] = CachedAnswerResult.Miss;
        return CacheKey.Create(tenant, (rewritten ?? body).Span);
    }

    /// <summary>
    /// With <c>x-conversation-id</c> the body's messages are a turn of that conversation: the stored history goes
    /// before them, and they are stored with the reply.
    /// </summary>
    private static async Task<IResult> ContinueConversationAsync(
        HttpContext context, string conversationId, PooledBody body, ChatRequest request, string model, ChatServices services, QuotaDemand demand, bool degradedAllowed)
    {
        if (!ConversationIds.IsValid(conversationId))
        {
            return GatewayErrors.InvalidConversationId(conversationId);
        }

        if (IdempotencyKeys.Read(context.Request, body.Span, out var idempotencyKey) is { } invalidKey)
        {
            return invalidKey;
        }

        using var document = JsonDocument.Parse(body.Memory);
        var tenant = context.Features.GetRequiredFeature<GatewayClient>().Tenant;
        var turn = new TurnRequest(tenant, ConversationRequests.ReadChatMessages(document.RootElement), model, request.MaxTokens, idempotencyKey);
        return await ConversationTurns.RunAsync(
            context, services, conversationId, turn, document.RootElement, NoOwnFields, request.Stream, demand, degradedAllowed);
    }
}
