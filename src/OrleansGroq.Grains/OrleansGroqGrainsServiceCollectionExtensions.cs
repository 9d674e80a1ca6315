using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Grains.Keys;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Grains;

/// <summary>Registers the gateway's grains and what they need.</summary>
public static class OrleansGroqGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local grain runtime (<c>IGrainFactory</c>) with in-memory storage unless another
    /// <c>IGrainStorage</c> is registered, <see cref="TimeProvider.System"/> unless another clock is, the API key
    /// grain, the key pool (<c>IApiKeyPool</c>) and their options: <c>Grains</c> for the runtime, <c>Groq:Keys</c> and
    /// <c>GROQ_API_KEY</c> for the keys. Options are validated at start.
    /// </summary>
    public static IServiceCollection AddOrleansGroqGrains(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.AddGrainRuntime(configuration);
        services.AddApiKeyPool(configuration);
        return services;
    }
}
