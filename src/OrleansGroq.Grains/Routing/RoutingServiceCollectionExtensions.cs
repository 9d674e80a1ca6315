using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Routing;

/// <summary>Registers model routing.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ModelRouter"/> and the <see cref="ModelCatalog"/> it reads, with <see cref="RoutingOptions"/>
    /// from <c>Routing</c>, validated at start against the catalog. <see cref="IModelHeadroom"/> and <see cref="IModelLatency"/> are not
    /// registered here: the quota feature and the live model statistics provide them.
    /// </summary>
    public static IServiceCollection AddOrleansGroqRouting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton<ModelRouter>();
        return services;
    }
}
