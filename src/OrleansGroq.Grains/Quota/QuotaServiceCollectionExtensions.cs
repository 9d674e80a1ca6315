using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Grains.Quota;

/// <summary>Registers the cluster-wide quota.</summary>
public static class QuotaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IModelQuotaGrain"/>, the <see cref="QuotaTokenEstimator"/>, and the in-memory
    /// <see cref="IQuotaLeaseStore"/> (one node) unless another store is registered: the PostgreSQL package replaces it
    /// when a connection string is configured. Options come from the <c>Quota</c> section and are validated at start.
    /// The grain runtime itself is registered by <c>AddOrleansGroqGrains</c>.
    /// </summary>
    public static IServiceCollection AddOrleansGroqQuota(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>());
        services.TryAddSingleton<IQuotaLeaseStore, InMemoryQuotaLeaseStore>();
        services.TryAddSingleton<QuotaTokenEstimator>();
        services.TryAddSingleton<QuotaHeadroom>();
        services.TryAddSingleton<IModelHeadroom>(sp => sp.GetRequiredService<QuotaHeadroom>());
        services.AddGrain<IModelQuotaGrain, ModelQuotaGrain, ModelQuotaGrainReference>();
        return services;
    }
}
