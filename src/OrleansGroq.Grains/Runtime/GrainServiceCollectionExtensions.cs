using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Runtime;

namespace OrleansGroq.Grains.Runtime;

/// <summary>Registers the local grain runtime and grain classes.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the grain runtime as <see cref="IGrainFactory"/> and hosted service, the in-memory
    /// <see cref="IGrainStorage"/> unless another is registered, and <see cref="TimeProvider.System"/> unless
    /// another clock is. Runtime options are bound from <paramref name="configuration"/>'s <c>Grains</c> section.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<GrainRuntimeOptions>().ValidateOnStart();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(GrainRuntimeOptions.SectionName));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
        services.TryAddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(static provider => provider.GetRequiredService<GrainRuntime>());
        services.AddHostedService(static provider => provider.GetRequiredService<GrainRuntime>());
        services.TryAddScoped<GrainContext>();
        services.TryAddScoped<IGrainContext>(static provider => provider.GetRequiredService<GrainContext>());
        services.TryAdd(ServiceDescriptor.Scoped(typeof(IPersistentState<>), typeof(PersistentState<>)));
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TGrain"/> as the grain class behind <typeparamref name="TGrainInterface"/>,
    /// called through <typeparamref name="TReference"/>. The grain is created in its own service scope per
    /// activation, so it can take scoped services, <see cref="IGrainContext"/> and <see cref="IPersistentState{TState}"/>.
    /// </summary>
    public static IServiceCollection AddGrain<TGrainInterface, TGrain, TReference>(this IServiceCollection services)
        where TGrainInterface : class, IGrainWithStringKey
        where TGrain : class, TGrainInterface
        where TReference : GrainReference<TGrainInterface>, TGrainInterface, IGrainReferenceFactory<TGrainInterface>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<GrainRegistration, GrainRegistration<TGrainInterface, TGrain, TReference>>());
        return services;
    }
}
