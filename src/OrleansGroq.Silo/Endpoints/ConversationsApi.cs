using Microsoft.AspNetCore.Http.Features;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
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
/// <c>/v1/conversations</c>: the gateway keeps the history, the model and the pinned key, so a client sends
/// only its new message. Another tenant's conversation answers 404, exactly as a missing one, so ids don't leak.
/// </summary>
public static class ConversationsApi
{
    private const int MaxPageSize = 100;

    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations", CreateAsync);
        api.MapGet("/conversations", ListAsync);
        api.MapGet("/conversations/{id}", GetAsync);
        api.MapGet("/conversations/{id}/messages", GetMessagesAsync);
        api.MapPost("/conversations/{id}/messages", PostMessageAsync);
        api.MapDelete("/conversations/{id}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, IGrainFactory grains, ModelCatalog catalog, IOptions<ConversationOptions> options, IOptions<GatewayOptions> gateway, TimeProvider time)
    {
        var (document, error) = await ReadCreationAsync(http, gateway.Value);
        using (document)
        {
            string? model = null, system = null, metadata = null;
            error ??= document is null ? null : ConversationRequests.ReadCreate(document.RootElement, out model, out system, out metadata);
            if (error is not null)
            {
                return error;
            }

            model ??= options.Value.DefaultModel;
            if (!catalog.TryResolve(model, out var spec))
            {
                return GatewayErrors.ModelNotFound(model);
            }

            if (!spec.Capabilities.HasFlag(ModelCapabilities.Text))
            {
                return GatewayErrors.InvalidRequest($"The model `{spec.Id}` does not support chat completions.", "model", "model_not_supported");
            }

            var id = ConversationIds.New(time);
            var view = await grains.GetGrain<IConversationGrain>(id).CreateAsync(new CreateConversation(Tenant(http), spec.Id, system, metadata));
            http.Response.Headers.Location = $"{http.Request.PathBase}{http.Request.Path}/{id}";
            return new JsonWriterResult(StatusCodes.Status201Created, w => ConversationViews.WriteConversation(w, view.Conversation, view.Messages));
        }
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, IGrainFactory grains)
    {
        if (!ConversationIds.IsValid(id))
        {
            return GatewayErrors.InvalidConversationId(id);
        }

        return await grains.GetGrain<IConversationGrain>(id).GetAsync(Tenant(http)) is { } view
            ? new JsonWriterResult(StatusCodes.Status200OK, w => ConversationViews.WriteConversation(w, view.Conversation, view.Messages))
            : GatewayErrors.ConversationNotFound(id);
    }

    private static async Task<IResult> GetMessagesAsync(HttpContext http, string id, IGrainFactory grains)
    {
        if (!ConversationIds.IsValid(id))
        {
            return GatewayErrors.InvalidConversationId(id);
        }

        if (!TryReadPaging(http, out var after, out var limit, out var error))
        {
            return error;
        }

        if (await grains.GetGrain<IConversationGrain>(id).GetAsync(Tenant(http)) is not { } view)
        {
            return GatewayErrors.ConversationNotFound(id);
        }

        var start = int.Parse(after ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var page = view.Messages.Where(m => m.Sequence > start).Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        page = page.Take(limit).ToList();
        return new JsonWriterResult(StatusCodes.Status200OK, w => ConversationViews.WriteMessagePage(w, page, hasMore));
    }

    private static async Task<IResult> ListAsync(HttpContext http, IConversationStore store)
    {
        if (!TryReadPaging(http, out var after, out var limit, out var error, afterIsId: true))
        {
            return error;
        }

        var page = await store.ListAsync(Tenant(http), after, limit + 1, http.RequestAborted);
        var hasMore = page.Count > limit;
        var shown = page.Take(limit).ToList();
        return new JsonWriterResult(StatusCodes.Status200OK, w => ConversationViews.WriteConversationList(w, shown, hasMore));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string id, IGrainFactory grains)
    {
        if (!ConversationIds.IsValid(id))
        {
            return GatewayErrors.InvalidConversationId(id);
        }

        return await grains.GetGrain<IConversationGrain>(id).DeleteAsync(Tenant(http))
            ? Results.NoContent()
            : GatewayErrors.ConversationNotFound(id);
    }

    private static async Task<IResult> PostMessageAsync(HttpContext http, string id, [AsParameters] ChatServices services)
    {
        var gateway = services.GatewayOptions;
        if (!ConversationIds.IsValid(id))
        {
            return GatewayErrors.InvalidConversationId(id);
        }

        using var body = await RequestBodyReader.ReadAsync(http.Request, gateway.Value.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return GatewayErrors.BodyTooLarge(gateway.Value.MaxRequestBodyBytes);
        }

        if (!ConversationMessageReader.TryRead(body.Span, out var fields, out var error))
        {
            return GatewayErrors.InvalidRequest(error);
        }

        using var document = Parse(body);
        var request = document.RootElement;
        var message = ConversationRequests.ReadMessage(request, fields);
        if (QuotaDemands.TryRead(http, services.Estimator.Reserve(message.Tokens, fields.MaxTokens), gateway.Value, out var demand) is { } invalidHeader)
        {
            return invalidHeader;
        }

        if (services.Degraded.TryRead(http, out var degradedAllowed) is { } invalidDegraded)
        {
            return invalidDegraded;
        }

        if (IdempotencyKeys.Read(http.Request, body.Span, out var idempotencyKey) is { } invalidKey)
        {
            return invalidKey;
        }

        var turn = new TurnRequest(Tenant(http), [message], Model: null, fields.MaxTokens, idempotencyKey);
        return await ConversationTurns.RunAsync(
            http, services, id, turn, request, ConversationRequests.MessageFields, fields.Stream, demand, degradedAllowed);
    }

    /// <summary>A creation body: a JSON object, or nothing for all the defaults.</summary>
    private static async Task<(JsonDocument? Document, OpenAiErrorResult? Error)> ReadCreationAsync(HttpContext http, GatewayOptions gateway)
    {
        using var body = await RequestBodyReader.ReadAsync(http.Request, gateway.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return (null, GatewayErrors.BodyTooLarge(gateway.MaxRequestBodyBytes));
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        if (JsonText.Check(body.Span) is { } undecodable)
        {
            return (null, GatewayErrors.InvalidRequest(undecodable));
        }

        try
        {
            var document = Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document, null)
                : (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", null, "invalid_json"));
        }
        catch (JsonException)
        {
            return (null, GatewayErrors.InvalidJson());
        }
    }

    // A JsonDocument reads the memory it is given rather than copying it, and the pooled body is returned on
    // exit: it must own a copy to outlive the body.
    private static JsonDocument Parse(PooledBody body) =>
        JsonDocument.Parse(body.Span.ToArray(), new JsonDocumentOptions { MaxDepth = JsonText.MaxDepth });

    private static bool TryReadPaging(HttpContext http, out string? after, out int limit, out OpenAiErrorResult error, bool afterIsId = false)
    {
        var query = http.Request.Query;
        after = query["after"].ToString() is { Length: > 0 } a ? a : null;
        limit = 20;
        error = null!;
        if (query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > MaxPageSize))
        {
            error = GatewayErrors.InvalidRequest($"'limit' must be an integer from 1 to {MaxPageSize}.", "limit", "invalid_value");
            return false;
        }

        var afterIsValid = after is null || (afterIsId ? ConversationIds.IsValid(after) : int.TryParse(after, out var sequence) && sequence >= 0);
        if (!afterIsValid)
        {
            error = GatewayErrors.InvalidRequest(
                afterIsId ? "'after' must be a conversation id." : "'after' must be a message sequence number (0 or more).", "after", "invalid_value");
        }

        return afterIsValid;
    }

    private static string Tenant(HttpContext http) => http.Features.GetRequiredFeature<GatewayClient>().Tenant;
}
