using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGroq.Grains.Usage;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Usage;

internal static class GatewayUsageServiceCollectionExtensions
{
    /// <summary>Registers the usage ledger and the observer that feeds it one row per upstream attempt.</summary>
    public static IServiceCollection AddGatewayUsage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrleansGroqUsage(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamAttemptObserver, UsageObserver>());
        return services;
    }
}
