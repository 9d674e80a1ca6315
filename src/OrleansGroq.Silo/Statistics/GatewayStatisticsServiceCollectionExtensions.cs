using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGroq.Grains.Statistics;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Statistics;

internal static class GatewayStatisticsServiceCollectionExtensions
{
    /// <summary>Registers the live model statistics and the observer that feeds them every upstream attempt.</summary>
    public static IServiceCollection AddGatewayModelStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrleansGroqModelStatistics(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamAttemptObserver, ModelStatisticsObserver>());
        return services;
    }
}
