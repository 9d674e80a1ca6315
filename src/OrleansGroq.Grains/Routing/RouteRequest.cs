using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Grains.Routing;

/// <summary>What the router needs to know about one chat request.</summary>
/// <param name="Model">The <c>model</c> the client sent: an id, an alias or <c>auto</c>.</param>
/// <param name="Hints">The routing headers.</param>
/// <param name="Needs">Capabilities the body needs (tools, JSON, strict JSON, vision, reasoning); text is always needed.</param>
/// <param name="EstimatedPromptTokens">The prompt's estimated size, for the long-context rule and the context check.</param>
/// <param name="MaxTokens">The request's <c>max_tokens</c>, which must fit the context window with the prompt.</param>
public sealed record RouteRequest(string Model, RoutingHints Hints, ModelCapabilities Needs, int EstimatedPromptTokens, int? MaxTokens)
{
    /// <summary>
    /// The route request for a parsed chat body: images need vision, <c>tools</c> need tools and a
    /// <c>response_format</c> needs JSON. Strict JSON is only known from the hints, as the reader does not look inside
    /// <c>response_format</c>.
    /// </summary>
    public static RouteRequest For(ChatRequest request, RoutingHints hints, int estimatedPromptTokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        var needs = ModelCapabilities.None;
        if (request.HasImages)
        {
            needs |= ModelCapabilities.Vision;
        }

        if (request.HasTools)
        {
            needs |= ModelCapabilities.Tools;
        }

        if (request.HasResponseFormat)
        {
            needs |= ModelCapabilities.Json;
        }

        return new RouteRequest(request.Model, hints, needs, estimatedPromptTokens, request.MaxTokens);
    }
}
