using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Abstractions.Statistics;

namespace OrleansGroq.Grains.Statistics;

/// <summary>Registers the live model statistics.</summary>
public static class StatisticsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ModelStatistics"/> and the router's view of it (<see cref="IModelLatency"/>), with
    /// <see cref="ModelStatisticsOptions"/> from <c>Statistics</c>, validated at start.
    /// </summary>
    public static IServiceCollection AddOrleansGroqModelStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        const string section = ModelStatisticsOptions.SectionName;
        services.AddOptions<ModelStatisticsOptions>().Bind(configuration.GetSection(section))
            .Validate(o => o.Bucket > TimeSpan.Zero, $"{section}:Bucket must be positive.")
            .Validate(
                o => o.Bucket > TimeSpan.Zero && o.Window >= o.Bucket && o.Window.Ticks % o.Bucket.Ticks == 0 && o.Window.Ticks / o.Bucket.Ticks <= 3600,
                $"{section}:Window must be a whole number of {section}:Bucket, at most 3600 of them.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelStatistics>();
        services.TryAddSingleton<IModelLatency>(sp => sp.GetRequiredService<ModelStatistics>());
        return services;
    }
}
