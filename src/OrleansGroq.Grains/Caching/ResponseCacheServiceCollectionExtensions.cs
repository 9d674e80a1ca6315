using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Caching;

namespace OrleansGroq.Grains.Caching;

/// <summary>Registers the response cache.</summary>
public static class ResponseCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ResponseCache"/> with <see cref="ResponseCacheOptions"/> from <c>Cache</c>, validated at
    /// start, and <see cref="TimeProvider.System"/> unless another clock is registered.
    /// </summary>
    public static IServiceCollection AddOrleansGroqResponseCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ResponseCacheOptions>().Bind(configuration.GetSection(ResponseCacheOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResponseCacheOptions>, ResponseCacheOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ResponseCache>();
        return services;
    }
}
