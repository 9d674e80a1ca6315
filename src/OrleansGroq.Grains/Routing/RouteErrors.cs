using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Grains.Routing;

/// <summary>The router's errors, so each has one wording. Built only on the error path.</summary>
internal static class RouteErrors
{
    public const string CapabilityNotSupported = "capability_not_supported";
    public const string ContextLengthExceeded = "context_length_exceeded";

    // The order in which a missing capability is named when several are.
    private static readonly ModelCapabilities[] Named =
        [ModelCapabilities.Vision, ModelCapabilities.Tools, ModelCapabilities.StrictJson, ModelCapabilities.Json, ModelCapabilities.Reasoning];

    public static RouteError ModelNotFound(string model) =>
        new(404, $"The model `{EchoText.Truncate(model)}` does not exist or you do not have access to it.", "model", "model_not_found");

    public static RouteError NotChat(ModelSpec model) =>
        new(400, $"The model `{model.Id}` does not support chat completions.", "model", "model_not_supported");

    public static RouteError ToolsOnCompound(ModelSpec model) =>
        new(400, $"The model `{model.Id}` is a compound system that uses its own tools; it does not take tools from the request.", "tools", "tools_not_supported");

    public static RouteError Lacks(ModelSpec model, ModelCapabilities missing)
    {
        var capability = Named.First(c => missing.HasFlag(c));
        return new(400, $"The model `{model.Id}` does not support {Describe(capability)}.", Param(capability), CapabilityNotSupported);
    }

    public static RouteError NoCapableModel(ModelCapabilities needs)
    {
        var names = Named
            .Where(c => needs.HasFlag(c) && !(c == ModelCapabilities.Json && needs.HasFlag(ModelCapabilities.StrictJson)))
            .Select(Describe);
        return new(400, $"No model in the catalog supports {string.Join(" together with ", names)}.", null, CapabilityNotSupported);
    }

    /// <param name="model">The model whose context window is too small.</param>
    /// <param name="request">The request, for its sizes.</param>
    /// <param name="mayMove">Whether the request allowed a larger model, so the message says why it did not get one.</param>
    public static RouteError ContextTooLong(ModelSpec model, RouteRequest request, bool mayMove)
    {
        var prompt = request.EstimatedPromptTokens;
        var sizes = request.MaxTokens is { } maxTokens
            ? $"about {prompt} prompt tokens plus {maxTokens} {request.MaxTokensParam} ({(long)prompt + maxTokens} in all)"
            : $"about {prompt} prompt tokens";
        var why = mayMove
            ? "No model in the catalog with a larger context window can serve it."
            : "The request names this model, so it is not moved to a larger one.";
        // When the prompt alone fits, the max_tokens is what to lower, and the error names it.
        var param = request.MaxTokens is not null && prompt < model.ContextWindow ? request.MaxTokensParam : "messages";
        return new(
            400,
            $"The request needs {sizes}, more than the {model.ContextWindow}-token context window of `{model.Id}`. {why} Shorten the messages or lower {request.MaxTokensParam}.",
            param,
            ContextLengthExceeded);
    }

    /// <param name="model">The model whose completion limit the request's max_tokens exceeds.</param>
    /// <param name="request">The request, for its max_tokens and the field that set it.</param>
    /// <param name="mayMove">Whether the request allowed another model, so the message says why it did not get one.</param>
    public static RouteError MaxTokensTooLarge(ModelSpec model, RouteRequest request, bool mayMove)
    {
        var why = mayMove
            ? "No model in the catalog with a larger completion limit can serve it."
            : "The request names this model, so it is not moved to another.";
        return new(
            400,
            $"`{request.MaxTokensParam}` must be less than or equal to `{model.MaxOutput}`, the completion limit of `{model.Id}`, but got {request.MaxTokens}. {why}",
            request.MaxTokensParam,
            "integer_above_max_value");
    }

    private static string Describe(ModelCapabilities capability) => capability switch
    {
        ModelCapabilities.Vision => "images (vision)",
        ModelCapabilities.Tools => "tools",
        ModelCapabilities.StrictJson => "strict JSON schema output",
        ModelCapabilities.Json => "JSON output (response_format)",
        _ => "reasoning",
    };

    private static string? Param(ModelCapabilities capability) => capability switch
    {
        ModelCapabilities.Vision => "messages",
        ModelCapabilities.Tools => "tools",
        ModelCapabilities.StrictJson or ModelCapabilities.Json => "response_format",
        _ => "model",
    };
}
