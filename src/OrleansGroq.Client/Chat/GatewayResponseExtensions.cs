using System.Globalization;
using Microsoft.Extensions.AI;
using OrleansGroq.Client.Http;

namespace OrleansGroq.Client;

/// <summary>
/// Reads what the gateway reported. The client puts each gateway response header in
/// <see cref="ChatResponse.AdditionalProperties"/> under its own (lower-case) name, as a string; for a stream, on the
/// first update of each response, which <c>ToChatResponse</c> moves to the message's. Strings survive serialization,
/// so a cached response still reads the same.
/// </summary>
public static class GatewayResponseExtensions
{
    /// <summary>
    /// The gateway's report on <paramref name="response"/> (for one built from updates, on its last message that
    /// carries one), or null when it carries none.
    /// </summary>
    public static GatewayResponseInfo? GetGatewayInfo(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Read(response.AdditionalProperties) ?? response.Messages.Select(m => Read(m.AdditionalProperties)).LastOrDefault(info => info is not null);
    }

    /// <summary>The gateway's report on the response <paramref name="update"/> opens, or null on later updates.</summary>
    public static GatewayResponseInfo? GetGatewayInfo(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Read(update.AdditionalProperties);
    }

    private static GatewayResponseInfo? Read(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.Keys.Any(GatewayHeaderNames.IsReported))
        {
            return null;
        }

        // A JsonElement (after a cache round trip) prints its string value, as a string does.
        string? Text(string name) => properties.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        int? Integer(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new GatewayResponseInfo
        {
            Model = Text(GatewayHeaderNames.Model),
            KeyAlias = Text(GatewayHeaderNames.Key),
            Route = Text(GatewayHeaderNames.Route),
            Cascade = Text(GatewayHeaderNames.Cascade),
            Attempts = Integer(GatewayHeaderNames.Attempts),
            OverheadMs = double.TryParse(Text(GatewayHeaderNames.OverheadMs), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null,
            Degraded = Text(GatewayHeaderNames.Degraded),
            CacheHit = Text(GatewayHeaderNames.Cache) is { } cache ? cache == "hit" : null,
            ConversationId = Text(GatewayHeaderNames.Conversation),
            HistoryTrimmed = Integer(GatewayHeaderNames.HistoryTrimmed),
            IdempotentReplay = Text(GatewayHeaderNames.IdempotentReplay) == "true",
            RequestId = Text(GatewayHeaderNames.RequestId),
        };
    }
}
