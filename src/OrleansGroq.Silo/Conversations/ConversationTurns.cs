using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Endpoints;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// Runs a turn of a conversation for an HTTP request: the tenant's fair share admits it, the conversation's grain
/// queues and begins it (or answers it from a stored turn with the same idempotency key), this silo runs it through
/// the same cascade and local answers as any chat completion and writes the response (the handler), and the grain
/// stores the reply, or lets the next turn in when there is none.
/// </summary>
internal static class ConversationTurns
{
    // Rolling restarts in RollingRestartTests: a completion refused by a leaving silo was taken by the grain's new
    // activation at the first retry after 100 ms.
    private const int CompletionAttempts = 3;
    private static readonly TimeSpan CompletionRetryDelay = TimeSpan.FromMilliseconds(100);

    public static async Task<IResult> RunAsync(
        HttpContext http,
        ChatServices services,
        string conversationId,
        TurnRequest turn,
        JsonElement request,
        IReadOnlySet<string> ownFields,
        bool stream,
        QuotaDemand demand,
        bool degradedAllowed)
    {
        var (tenantHold, refusal) = await services.Tenants.AdmitAsync(turn.Tenant, demand, http.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            return await RunAdmittedAsync(http, services, conversationId, turn, request, ownFields, stream, demand, degradedAllowed, tenantHold);
        }
        finally
        {
            // Settled by the handler when an answer came; otherwise the turn cost the tenant nothing.
            await (tenantHold?.ReleaseAsync() ?? ValueTask.CompletedTask);
        }
    }

    private static async Task<IResult> RunAdmittedAsync(
        HttpContext http,
        ChatServices services,
        string conversationId,
        TurnRequest turn,
        JsonElement request,
        IReadOnlySet<string> ownFields,
        bool stream,
        QuotaDemand demand,
        bool degradedAllowed,
        QuotaHold? tenantHold)
    {
        // The grain learns which silo runs the turn, so that this silo's death lets the conversation go at once.
        turn = turn with { FrontEnd = services.Silo.SiloAddress };
        var conversation = services.Grains.GetGrain<IConversationGrain>(conversationId);
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

        // Only now is the conversation's model known: one the catalog no longer serves, or a completion budget it
        // cannot write, is refused before Groq sees it.
        if (!services.Catalog.TryResolve(start.Context!.Model, out var spec))
        {
            await conversation.AbandonTurnAsync(start.TurnId!);
            return GatewayErrors.ModelNotFound(start.Context.Model);
        }

        if (turn.MaxTokens is { } maxTokens && spec.MaxOutput > 0 && maxTokens > spec.MaxOutput)
        {
            await conversation.AbandonTurnAsync(start.TurnId!);
            return GatewayErrors.InvalidRequest(
                $"`max_tokens` must be less than or equal to `{spec.MaxOutput}`, the completion limit of `{spec.Id}`, but got {maxTokens}.",
                "max_tokens",
                "integer_above_max_value");
        }

        var handler = new ConversationTurnHandler(http, services, request, ownFields, turn.Messages, stream, demand, degradedAllowed, tenantHold);
        TurnReply reply;
        try
        {
            reply = await handler.ExecuteAsync(start.Context, spec, http.RequestAborted);
        }
        catch
        {
            await conversation.AbandonTurnAsync(start.TurnId!);
            throw;
        }

        var outcome = await CompleteAsync(conversation, start, turn, reply, http.RequestServices.GetRequiredService<TimeProvider>());
        await handler.EndAsync(outcome, conversationId, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>
    /// Stores the turn's reply through the conversation's grain; null when whether it was stored is unknown, because
    /// the grain's silo died or went silent: the client, which may already hold the streamed answer, is then told to
    /// resend with its idempotency key rather than trust it.
    /// </summary>
    private static async Task<TurnOutcome?> CompleteAsync(IConversationGrain conversation, TurnStart start, TurnRequest turn, TurnReply reply, TimeProvider time)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await conversation.CompleteTurnAsync(start.TurnId!, start.Context!.Version, turn, reply);
            }
            catch (OrleansMessageRejectionException) when (turn.IdempotencyKey is not null && attempt < CompletionAttempts)
            {
                // The grain's silo left (a rolling restart) or died while the turn ran; the grain is activated again
                // elsewhere from the store. With a key the completion may go there too: the key shows whether the
                // lost call stored the turn, so it is never stored twice. Without one, a second store is not ruled out.
                await Task.Delay(CompletionRetryDelay * attempt, time);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                return null;
            }
        }
    }
}
