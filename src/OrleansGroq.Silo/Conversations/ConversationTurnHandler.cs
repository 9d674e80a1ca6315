using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Endpoints;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// A turn's LLM work, done on the silo that took the HTTP request: sends the history and the new messages through the
/// cascade every chat completion takes (the conversation's pinned key first, then a fallback model or the backup
/// provider), relays the answer to the client (streamed or whole) and hands the assistant's message back to the grain
/// to store. A failed call is relayed as it failed, and when the LLM attempts are spent local logic answers, marked
/// as degraded; neither is stored. A streamed answer's <c>[DONE]</c>, and a whole answer altogether, wait for the
/// grain's word (<see cref="EndAsync"/>): the client sees a complete answer exactly when the conversation keeps it.
/// </summary>
internal sealed class ConversationTurnHandler(
    HttpContext http,
    ChatServices services,
    JsonElement request,
    IReadOnlySet<string> ownFields,
    IReadOnlyList<NewMessage> messages,
    bool stream,
    QuotaDemand demand,
    bool degradedAllowed,
    QuotaHold? tenantHold)
{
    private bool _holdsDone;
    private byte[]? _heldAnswer;

    public async Task<TurnReply> ExecuteAsync(TurnContext turn, ModelSpec model, CancellationToken cancellationToken)
    {
        var headers = http.Response.Headers;
        headers[GatewayHeaders.Conversation] = turn.ConversationId;
        headers[GatewayHeaders.HistoryTrimmed] = turn.Trimmed.ToString(CultureInfo.InvariantCulture);
        using var body = ConversationBody.Build(request, ownFields, turn.Model, turn.History, messages);
        if (!ChatRequestReader.TryRead(body.Span, out var chat, out var invalid))
        {
            // The new messages and fields were read by the endpoint's own rules; as a whole chat request, Groq's apply.
            await GatewayErrors.InvalidRequest(invalid).ExecuteAsync(http);
            return new TurnReply(null, null, 0, 0);
        }

        var outcome = await services.Cascade.RunAsync(Plan(turn, model, body, chat), cancellationToken);
        if (outcome.Steps.Count > 1)
        {
            headers[GatewayHeaders.Cascade] = outcome.Describe();
        }

        var result = outcome.Result;
        var keyAlias = result.Key?.Alias;
        if (outcome.Failed)
        {
            await services.LocalAnswers.Answer(http, outcome, body, turn.Model, stream, degradedAllowed).ExecuteAsync(http);
            return new TurnReply(null, keyAlias, 0, 0);
        }

        if (result.Response is not { IsSuccessStatusCode: true } response)
        {
            await ForwardResponses.ToResult(http, result, outcome.Model, stream, services.UpstreamOptions.Value).ExecuteAsync(http);
            return new TurnReply(null, keyAlias, 0, 0);
        }

        ForwardResponses.Stamp(http, result, outcome.Model);
        using (response)
        {
            AssistantReply? reply;
            if (stream)
            {
                var accumulator = new SseAssistantAccumulator();
                SseEnd? relayed = null;
                try
                {
                    var observer = outcome.Streamed?.Watching(accumulator) ?? accumulator;
                    var end = await ResponseRelay.RelayStreamAsync(
                        http, response, services.UpstreamOptions.Value.AttemptTimeout, cancellationToken, observer, holdDone: true);
                    relayed = end;
                    reply = end == SseEnd.Done ? accumulator.Build() : null;
                    if (end == SseEnd.Done && reply is null)
                    {
                        await ResponseRelay.EndAsync(http, StreamErrors.UpstreamIncomplete, cancellationToken);
                    }

                    _holdsDone = reply is not null;
                }
                finally
                {
                    outcome.Streamed?.End(relayed, accumulator.Usage);
                    await (result.Quota?.SettleAsync(accumulator.Usage) ?? ValueTask.CompletedTask);
                    await (tenantHold?.SettleAsync(accumulator.Usage) ?? ValueTask.CompletedTask);
                }
            }
            else
            {
                await (tenantHold?.SettleAsync(result.Usage) ?? ValueTask.CompletedTask);
                var answer = await http.Features.GetRequiredFeature<RequestTiming>().WaitOnUpstreamAsync(response.Content.ReadAsByteArrayAsync(cancellationToken));
                reply = AssistantReplyReader.Read(answer);
                if (reply is null)
                {
                    await WriteAnswerAsync(answer, cancellationToken);
                }
                else
                {
                    _heldAnswer = answer;
                }
            }

            return new TurnReply(reply?.Json, keyAlias, reply?.CachedTokens ?? 0, reply?.CompletionTokens ?? 0);
        }
    }

    /// <summary>
    /// Ends the answer once the grain has said what became of the turn (<paramref name="outcome"/>, or null when the
    /// grain could not be reached): a streamed answer with <c>[DONE]</c> or an error event, a whole answer with its
    /// body or an error in its place.
    /// </summary>
    public async Task EndAsync(TurnOutcome? outcome, string conversationId, CancellationToken cancellationToken)
    {
        var stored = outcome?.Status == TurnStatus.Completed;
        if (_holdsDone)
        {
            var error = stored ? null : outcome is null ? StreamErrors.ConversationUnavailable(conversationId) : StreamErrors.ReplyNotStored(conversationId, outcome.Status);
            await ResponseRelay.EndAsync(http, error, cancellationToken);
        }
        else if (_heldAnswer is { } answer)
        {
            if (stored)
            {
                await WriteAnswerAsync(answer, cancellationToken);
            }
            else
            {
                await (outcome is null ? GatewayErrors.ConversationUnavailable(conversationId) : GatewayErrors.ReplyNotStored(conversationId, outcome.Status)).ExecuteAsync(http);
            }
        }
    }

    /// <summary>
    /// The cascade's plan for the turn's body: routed as a request naming the conversation's model, so a fallback
    /// configured for that model applies, exactly as it would to a chat completion naming it.
    /// </summary>
    private CascadePlan Plan(TurnContext turn, ModelSpec model, PooledBody body, ChatRequest chat)
    {
        // The history goes upstream too: the demand estimated from the new messages alone would undercount it.
        var turnDemand = demand with { EstimatedTokens = demand.EstimatedTokens + turn.History.Sum(m => (long)m.Tokens) };
        var route = services.Router.Route(RouteRequest.For(chat, default, (int)Math.Min(int.MaxValue, turnDemand.EstimatedTokens)));
        var trail = http.Features.GetRequiredFeature<RequestTrail>();
        trail.ConversationId = turn.ConversationId;
        return new CascadePlan(body, chat, model, route.Succeeded ? route.Fallback : null, turn.ConversationId, turnDemand, trail, turn.PinnedKey);
    }

    private async Task WriteAnswerAsync(byte[] answer, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = answer.Length;
        await http.Response.Body.WriteAsync(answer, cancellationToken);
    }
}
