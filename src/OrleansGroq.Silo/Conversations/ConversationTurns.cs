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
    // A grain call sent to a silo that leaves the cluster (a rolling restart) is forwarded to the grain's new activation,
    // but Orleans breaks it (SiloUnavailableException) if the silo is gone before the answer comes back. In
    // RollingRestartTests, on a machine loaded far past its two cores, the call sent again reached the grain's new
    // place within a second.
    private const int GrainCallAttempts = 5;
    private static readonly TimeSpan GrainCallRetryDelay = TimeSpan.FromMilliseconds(200);

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
        // The grain learns which silo runs the turn, so that this silo's death lets the conversation go at once, and the
        // turn's id, so that a begin or completion sent again is known for the same turn.
        turn = turn with { FrontEnd = services.Silo.SiloAddress, TurnId = Guid.NewGuid().ToString("N") };
        var conversation = services.Grains.GetGrain<IConversationGrain>(conversationId);
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var start = await BeginAsync(conversation, turn, time, http.RequestAborted);
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
            case TurnStatus.Conflict:
                // The begin sent again found the turn begun by the first and already let go (its lease ran out).
                return GatewayErrors.ReplyNotStored(conversationId, start.Status);
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

        var outcome = await CompleteAsync(conversation, start, turn, reply, time);
        await handler.EndAsync(outcome, conversationId, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>
    /// Begins the turn through the conversation's grain, sending the begin again when Orleans broke it because a silo
    /// it went through left or died: the turn's id makes the grain answer for the turn the lost call may have begun,
    /// rather than queue it a second time behind itself. A grain that is gone holds nothing of the turn.
    /// </summary>
    private static async Task<TurnStart> BeginAsync(IConversationGrain conversation, TurnRequest turn, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await conversation.BeginTurnAsync(turn, cancellationToken);
            }
            catch (OrleansMessageRejectionException) when (attempt < GrainCallAttempts)
            {
                await Task.Delay(GrainCallRetryDelay * attempt, time, cancellationToken);
            }
        }
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
            catch (OrleansMessageRejectionException) when (attempt < GrainCallAttempts)
            {
                // The grain's silo left (a rolling restart) or died while the turn ran, or a silo the call was forwarded
                // through did. Sent again, the completion is never stored twice: the activation that took the first
                // answers with its outcome (by the turn's id), and a new one stores it only if the conversation is still
                // at the version the turn began at, or finds its idempotency key already stored.
                await Task.Delay(GrainCallRetryDelay * attempt, time);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                return null;
            }
        }
    }
}
