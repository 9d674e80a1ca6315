using System.Globalization;
using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// A turn's LLM call, made on the silo that took the HTTP request: sends the history and the new messages with the
/// conversation's pinned key, relays the answer to the client (streamed or whole) and hands the assistant's
/// message back to the grain to store. A failed call is relayed as it failed and stores nothing. A streamed answer's
/// <c>[DONE]</c>, and a whole answer altogether, wait for the grain's word (<see cref="EndAsync"/>): the client sees a
/// complete answer exactly when the conversation keeps it.
/// </summary>
internal sealed class ConversationTurnHandler(
    HttpContext http,
    UpstreamForwarder forwarder,
    UpstreamOptions upstreamOptions,
    JsonElement request,
    IReadOnlySet<string> ownFields,
    IReadOnlyList<NewMessage> messages,
    bool stream,
    QuotaDemand demand)
{
    private bool _holdsDone;
    private byte[]? _heldAnswer;

    public async Task<TurnReply> ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var body = ConversationBody.Build(request, ownFields, turn.Model, turn.History, messages);
        // The demand was estimated from the new messages alone; the history goes upstream too.
        var history = turn.History.Sum(m => (long)m.Tokens);
        var result = await forwarder.ForwardChatAsync(
            turn.Model, body, stream, turn.ConversationId, cancellationToken, turn.PinnedKey, demand with { EstimatedTokens = demand.EstimatedTokens + history });
        var headers = http.Response.Headers;
        headers[GatewayHeaders.Conversation] = turn.ConversationId;
        headers[GatewayHeaders.HistoryTrimmed] = turn.Trimmed.ToString(CultureInfo.InvariantCulture);
        var keyAlias = result.Key?.Alias;
        if (result.Response is not { IsSuccessStatusCode: true } response)
        {
            await ForwardResponses.ToResult(http, result, turn.Model, stream, upstreamOptions).ExecuteAsync(http);
            return new TurnReply(null, keyAlias, 0, 0);
        }

        ForwardResponses.Stamp(http, result, turn.Model);
        using (response)
        {
            AssistantReply? reply;
            if (stream)
            {
                var accumulator = new SseAssistantAccumulator();
                try
                {
                    var end = await ResponseRelay.RelayStreamAsync(http, response, upstreamOptions.AttemptTimeout, cancellationToken, accumulator, holdDone: true);
                    reply = end == SseEnd.Done ? accumulator.Build() : null;
                    if (end == SseEnd.Done && reply is null)
                    {
                        await ResponseRelay.EndAsync(http, StreamErrors.UpstreamIncomplete, cancellationToken);
                    }

                    _holdsDone = reply is not null;
                }
                finally
                {
                    await (result.Quota?.SettleAsync(accumulator.Usage) ?? ValueTask.CompletedTask);
                }
            }
            else
            {
                var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
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

    private async Task WriteAnswerAsync(byte[] answer, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = answer.Length;
        await http.Response.Body.WriteAsync(answer, cancellationToken);
    }
}
