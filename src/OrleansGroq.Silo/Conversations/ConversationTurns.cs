using System.Text.Json;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Runtime;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Conversations;

/// <summary>Runs a turn on a conversation grain for an HTTP request; the handler writes the response.</summary>
internal static class ConversationTurns
{
    public static async Task<IResult> RunAsync(
        HttpContext http,
        IGrainFactory grains,
        UpstreamForwarder forwarder,
        UpstreamOptions upstream,
        string conversationId,
        TurnRequest turn,
        JsonElement request,
        IReadOnlySet<string> ownFields,
        bool stream,
        QuotaDemand demand)
    {
        var handler = new ConversationTurnHandler(http, forwarder, upstream, request, ownFields, turn.Messages, stream, demand);
        var outcome = await grains.GetGrain<IConversationGrain>(conversationId).RunTurnAsync(turn, handler, http.RequestAborted);
        return outcome.Status switch
        {
            TurnStatus.NotFound => GatewayErrors.ConversationNotFound(conversationId),
            TurnStatus.Busy => GatewayErrors.ConversationBusy(conversationId),
            _ => Results.Empty,
        };
    }
}
