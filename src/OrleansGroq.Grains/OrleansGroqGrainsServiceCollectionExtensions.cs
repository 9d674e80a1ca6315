using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGroq.Grains.Keys;

namespace OrleansGroq.Grains;

/// <summary>Registers what the gateway's grains need on each silo.</summary>
public static class OrleansGroqGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TimeProvider.System"/> unless another clock is, the key pool (<c>IApiKeyPool</c>), this
    /// silo's board of key statuses, and their options: <c>Groq:Keys</c> and <c>GROQ_API_KEY</c>. Options are
    /// validated at start. The grain classes themselves are found by Orleans.
    /// </summary>
    public static IServiceCollection AddOrleansGroqGrains(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddApiKeyPool(configuration);
        return services;
    }
}
