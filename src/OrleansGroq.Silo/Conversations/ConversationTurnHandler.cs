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
/// <c>[DONE]</c> waits for the grain's word (<see cref="EndAsync"/>).
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
                reply = AssistantReplyReader.Read(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                await ResponseRelay.RelayBufferedAsync(http, response, cancellationToken, endsWithRequest: true);
            }

            return new TurnReply(reply?.Json, keyAlias, reply?.CachedTokens ?? 0, reply?.CompletionTokens ?? 0);
        }
    }

    /// <summary>
    /// Ends a streamed answer once the grain has said what became of it: <c>[DONE]</c> when the turn is stored, else an
    /// error event saying it is not, so the client sees a complete answer exactly when the conversation keeps it.
    /// </summary>
    public async Task EndAsync(TurnOutcome outcome, string conversationId, CancellationToken cancellationToken)
    {
        if (_holdsDone)
        {
            await ResponseRelay.EndAsync(
                http, outcome.Status == TurnStatus.Completed ? null : StreamErrors.ReplyNotStored(conversationId, outcome.Status), cancellationToken);
        }
    }
}
