using System.Globalization;
using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Conversations;

/// <summary>
/// A turn's LLM call, made on the silo that took the HTTP request: sends the history and the new messages with the
/// conversation's pinned key, relays the answer to the client (streamed or whole) and hands the assistant's
/// message back to the grain to store. A failed call is relayed as it failed and stores nothing.
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
                    var completed = await ResponseRelay.RelayStreamAsync(http, response, upstreamOptions.AttemptTimeout, cancellationToken, accumulator);
                    reply = completed ? accumulator.Build() : null;
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
}
