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
    /// <summary>The field <see cref="MaxTokens"/> came from, so errors name the one the client sent.</summary>
    public string MaxTokensParam { get; init; } = "max_tokens";

    /// <summary>
    /// The route request for a parsed chat body: images need vision, <c>tools</c> need tools, reasoning options need
    /// a reasoning model, and a JSON <c>response_format</c> needs JSON (strict JSON for a strict schema).
    /// </summary>
    public static RouteRequest For(ChatRequest request, RoutingHints hints, int estimatedPromptTokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RouteRequest(request.Model, hints, request.NeededCapabilities & ~ModelCapabilities.Text, estimatedPromptTokens, request.MaxTokens)
        {
            MaxTokensParam = request.MaxTokensParam,
        };
    }
}
