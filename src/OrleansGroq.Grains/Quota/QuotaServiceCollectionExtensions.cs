using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Quota;

/// <summary>Registers the cluster-wide quota.</summary>
public static class QuotaServiceCollectionExtensions
{
    /// <summary>
    /// Registers this silo's slices (<see cref="IModelQuotas"/>), which lease from the account and model's
    /// <see cref="IModelQuotaGrain"/>, and the <see cref="QuotaTokenEstimator"/>. Options come from the <c>Quota</c>
    /// section and are validated at start.
    /// </summary>
    public static IServiceCollection AddOrleansGroqQuota(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>());
        services.TryAddSingleton<IQuotaLeaseStore, GrainQuotaLeaseStore>();
        services.TryAddSingleton<QuotaTokenEstimator>();
        services.TryAddSingleton<QuotaHeadroom>();
        services.TryAddSingleton<IModelHeadroom>(sp => sp.GetRequiredService<QuotaHeadroom>());
        services.TryAddSingleton<ModelQuotas>();
        services.TryAddSingleton<IModelQuotas>(sp => sp.GetRequiredService<ModelQuotas>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ModelQuotas>());
        return services;
    }
}
