using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Grains.Chat;

public static class ChatServiceCollectionExtensions
{
    private const string UpstreamClientName = "upstream";

    /// <summary>Registers the model catalog, the upstream client with its resilience pipelines, and the chat forwarder.</summary>
    public static IServiceCollection AddOrleansGroqChat(this IServiceCollection services)
    {
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<UpstreamPipelines>();
        services.AddSingleton<UpstreamCredentials>();
        services.AddSingleton<UpstreamForwarder>();
        services.AddSingleton<BackupProvider>();

        // One long-lived client over a pooled handler: connections are reused across requests and
        // recycled every few minutes so DNS changes are still seen. Polly owns timeouts, not HttpClient.
        // The factory's logging handlers open a log scope per request even when nothing is logged.
        services.AddHttpClient(UpstreamClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                MaxConnectionsPerServer = int.MaxValue,
                EnableMultipleHttp2Connections = true,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton(sp => new UpstreamClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(UpstreamClientName),
            sp.GetRequiredService<UpstreamPipelines>(),
            sp.GetRequiredService<IOptions<UpstreamOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
