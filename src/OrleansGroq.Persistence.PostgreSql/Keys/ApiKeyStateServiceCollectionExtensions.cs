using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Persistence.PostgreSql.Keys;

internal static class ApiKeyStateServiceCollectionExtensions
{
    /// <summary>
    /// Shares key cooldowns and disabled keys through PostgreSQL: replaces the single-node <see cref="IApiKeyStateSync"/>,
    /// whichever was registered first, and listens for the other nodes' changes.
    /// </summary>
    public static IServiceCollection AddPostgresApiKeyStateSync(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IApiKeyStateSync, PostgresApiKeyStateSync>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ApiKeyStateListener>());
        return services;
    }
}
