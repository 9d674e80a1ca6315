using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// Runs a turn of a conversation for an HTTP request: the conversation's grain queues and begins it (or answers it
/// from a stored turn with the same idempotency key), this silo makes the LLM call and writes the response (the
/// handler), and the grain stores the reply, or lets the next turn in when there is none.
/// </summary>
internal static class ConversationTurns
{
    public static async Task<IResult> RunAsync(
        HttpContext http,
        IGrainFactory grains,
        ModelCatalog catalog,
        UpstreamForwarder forwarder,
        UpstreamOptions upstream,
        string conversationId,
        TurnRequest turn,
        JsonElement request,
        IReadOnlySet<string> ownFields,
        bool stream,
        QuotaDemand demand)
    {
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        var start = await conversation.BeginTurnAsync(turn, http.RequestAborted);
        switch (start.Status)
        {
            case TurnStatus.NotFound:
                return GatewayErrors.ConversationNotFound(conversationId);
            case TurnStatus.Busy:
                return GatewayErrors.ConversationBusy(conversationId, start.RetryAfter ?? TimeSpan.FromSeconds(1));
            case TurnStatus.KeyReused:
                return GatewayErrors.IdempotencyKeyReused(conversationId);
            case TurnStatus.Replayed:
                return new ReplayedTurnResult(start.Context!, start.Reply!, stream);
        }

        // Only now is the conversation's model known: a completion budget it cannot write is refused before Groq sees it.
        if (turn.MaxTokens is { } maxTokens && catalog.TryResolve(start.Context!.Model, out var spec) && spec.MaxOutput > 0 && maxTokens > spec.MaxOutput)
        {
            await conversation.AbandonTurnAsync(start.TurnId!);
            return GatewayErrors.InvalidRequest(
                $"`max_tokens` must be less than or equal to `{spec.MaxOutput}`, the completion limit of `{spec.Id}`, but got {maxTokens}.",
                "max_tokens",
                "integer_above_max_value");
        }

        var handler = new ConversationTurnHandler(http, forwarder, upstream, request, ownFields, turn.Messages, stream, demand);
        TurnReply reply;
        try
        {
            reply = await handler.ExecuteAsync(start.Context!, http.RequestAborted);
        }
        catch
        {
            await conversation.AbandonTurnAsync(start.TurnId!);
            throw;
        }

        TurnOutcome? outcome;
        try
        {
            outcome = await conversation.CompleteTurnAsync(start.TurnId!, start.Context!.Version, turn, reply);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The grain's silo died or went silent: whether the turn was stored is unknown, and the client, which may
            // already hold the streamed answer, is told to resend with its idempotency key rather than trust it.
            outcome = null;
        }

        await handler.EndAsync(outcome, conversationId, http.RequestAborted);
        return Results.Empty;
    }
}
