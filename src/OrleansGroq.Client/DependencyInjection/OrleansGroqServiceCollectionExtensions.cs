using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Client.Http;

namespace OrleansGroq.Client;

/// <summary>Registers the gateway's clients.</summary>
public static class OrleansGroqServiceCollectionExtensions
{
    /// <summary>The key of the <see cref="HttpClient"/> the registered clients share.</summary>
    internal const string HttpClientKey = "OrleansGroq";

    /// <summary>
    /// Registers <see cref="IChatClient"/> (an <see cref="OrleansGroqChatClient"/>), <see cref="IConversationClient"/> and
    /// <see cref="IBatchClient"/> over the gateway's HTTP API, sharing one <see cref="HttpClient"/>.
    /// </summary>
    /// <returns>The chat client's builder, to add middleware: <c>.UseFunctionInvocation()</c>, <c>.UseOpenTelemetry()</c>, ...</returns>
    public static ChatClientBuilder AddOrleansGroqChatClient(this IServiceCollection services, Action<OrleansGroqClientOptions> configure) =>
        services.AddOrleansGroqClients(configure, static (_, options) => GatewayHttpClient.Create(options));

    /// <summary>The registrations of every transport: the clients are the same, only their <see cref="HttpClient"/> differs.</summary>
    internal static ChatClientBuilder AddOrleansGroqClients(
        this IServiceCollection services, Action<OrleansGroqClientOptions> configure, Func<IServiceProvider, OrleansGroqClientOptions, HttpClient> createHttpClient)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(_ =>
        {
            var options = new OrleansGroqClientOptions();
            configure(options);
            return options;
        });
        services.AddKeyedSingleton(HttpClientKey, (provider, _) => createHttpClient(provider, provider.GetRequiredService<OrleansGroqClientOptions>()));
        services.AddSingleton<IConversationClient>(provider => new OrleansGroqConversationClient(
            provider.GetRequiredKeyedService<HttpClient>(HttpClientKey), provider.GetRequiredService<OrleansGroqClientOptions>()));
        services.AddSingleton<IBatchClient>(provider => new OrleansGroqBatchClient(
            provider.GetRequiredKeyedService<HttpClient>(HttpClientKey), provider.GetRequiredService<OrleansGroqClientOptions>(), provider.GetService<TimeProvider>()));
        return services.AddChatClient(provider => new OrleansGroqChatClient(
            provider.GetRequiredKeyedService<HttpClient>(HttpClientKey), provider.GetRequiredService<OrleansGroqClientOptions>()));
    }
}
