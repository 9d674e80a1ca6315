using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Conversations;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Conversations;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Endpoints;

/// <summary>
/// <c>POST /chat/completions</c>: validates what the gateway must vouch for, resolves the model, and
/// forwards the client's bytes (only the model value rewritten) with a key from the pool.
/// </summary>
public static class ChatCompletionsApi
{
    private static readonly IReadOnlySet<string> NoOwnFields = new HashSet<string>();

    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/chat/completions", CreateAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        UpstreamForwarder forwarder,
        ModelCatalog catalog,
        IGrainFactory grains,
        QuotaTokenEstimator estimator,
        IOptions<GatewayOptions> gatewayOptions,
        IOptions<UpstreamOptions> upstreamOptions)
    {
        var limit = gatewayOptions.Value.MaxRequestBodyBytes;
        using var body = await RequestBodyReader.ReadAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            return GatewayErrors.BodyTooLarge(limit);
        }

        if (!ChatRequestReader.TryRead(body.Span, out var request, out var error))
        {
            return GatewayErrors.InvalidRequest(error.Message, error.Param, error.Code);
        }

        if (!catalog.TryResolve(request.Model, out var model))
        {
            return GatewayErrors.ModelNotFound(request.Model);
        }

        if (!model.Capabilities.HasFlag(ModelCapabilities.Text))
        {
            return GatewayErrors.InvalidRequest($"The model `{model.Id}` does not support chat completions.", "model", "model_not_supported");
        }

        if (QuotaDemands.TryRead(context, estimator.Reserve(request), gatewayOptions.Value, out var demand) is { } invalid)
        {
            return invalid;
        }

        if (context.Request.Headers[GatewayHeaders.ConversationId].ToString() is { Length: > 0 } conversationId)
        {
            return await ContinueConversationAsync(context, conversationId, body, request, model.Id, grains, forwarder, upstreamOptions.Value, demand);
        }

        using var rewritten = ModelRewrite.Apply(body, request, model.Id);
        var result = await forwarder.ForwardChatAsync(
            model.Id, (rewritten ?? body).Memory, request.Stream, SessionAffinity.Of(context, request.User), context.RequestAborted, demand: demand);

        return ForwardResponses.ToResult(context, result, model.Id, request.Stream, upstreamOptions.Value);
    }

    /// <summary>
    /// With <c>x-conversation-id</c> the body's messages are a turn of that conversation: the stored history goes
    /// before them, and they are stored with the reply.
    /// </summary>
    private static async Task<IResult> ContinueConversationAsync(
        HttpContext context,
        string conversationId,
        PooledBody body,
        ChatRequest request,
        string model,
        IGrainFactory grains,
        UpstreamForwarder forwarder,
        UpstreamOptions upstream,
        QuotaDemand demand)
    {
        if (!ConversationIds.IsValid(conversationId))
        {
            return GatewayErrors.InvalidConversationId(conversationId);
        }

        using var document = JsonDocument.Parse(body.Memory);
        var tenant = context.Features.GetRequiredFeature<GatewayClient>().Tenant;
        var turn = new TurnRequest(tenant, ConversationRequests.ReadChatMessages(document.RootElement), model, request.MaxTokens);
        return await ConversationTurns.RunAsync(
            context, grains, forwarder, upstream, conversationId, turn, document.RootElement, NoOwnFields, request.Stream, demand);
    }
}
