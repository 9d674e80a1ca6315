using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Keys;

internal static class ApiKeyServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeyPool(this IServiceCollection services, IConfiguration? configuration)
    {
        services.AddOptions<ApiKeyPoolOptions>().ValidateOnStart();
        if (configuration is not null)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ApiKeyPoolOptions>>(new ApiKeyPoolConfiguration(configuration)));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyPoolOptions>, ApiKeyPoolOptionsValidator>());
        services.TryAddSingleton<ApiKeyRegistry>();
        services.TryAddSingleton<IApiKeyPool, ApiKeyPool>();
        services.TryAddSingleton<IApiKeyOutcomes, ApiKeyOutcomes>();
        services.TryAddSingleton<ApiKeyStatusBoard>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static provider => provider.GetRequiredService<ApiKeyStatusBoard>());
        services.AddGrainService<ApiKeyBoardService>();
        services.TryAddSingleton<ApiKeyBoards>();
        return services;
    }
}
