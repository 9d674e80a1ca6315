using Microsoft.Extensions.AI;

namespace OrleansGroq.Client;

/// <summary>
/// Carries <see cref="GatewayRequestOptions"/> in <see cref="ChatOptions.AdditionalProperties"/>, so they survive
/// <see cref="ChatOptions.Clone"/> and middleware such as <c>UseFunctionInvocation</c> on the way to the client.
/// </summary>
public static class ChatOptionsGatewayExtensions
{
    /// <summary>
    /// The <see cref="ChatOptions.AdditionalProperties"/> key. It never reaches the request body, where the gateway would
    /// pass it on to Groq: the OpenAI adapter writes only the additional properties it knows, such as <c>strict</c>.
    /// </summary>
    public const string PropertyKey = "orleansgroq.request";

    /// <summary>Sets the gateway options of requests made with <paramref name="options"/>; returns <paramref name="options"/>.</summary>
    public static ChatOptions WithGateway(this ChatOptions options, GatewayRequestOptions gateway)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        (options.AdditionalProperties ??= [])[PropertyKey] = gateway;
        return options;
    }

    /// <summary>The gateway options set by <see cref="WithGateway"/>, if any.</summary>
    public static GatewayRequestOptions? GetGateway(this ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyKey, out var value) is true ? value as GatewayRequestOptions : null;
}
