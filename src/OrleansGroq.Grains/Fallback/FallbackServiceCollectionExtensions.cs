using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;

namespace OrleansGroq.Grains.Fallback;

/// <summary>Registers the local fallback.</summary>
public static class FallbackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LocalFallback"/>, <see cref="DegradedCompletionWriter"/>, their parts (among them the
    /// <see cref="PatternExtractor"/> other features reuse) and <see cref="TimeProvider.System"/> unless another clock
    /// is registered. Options come from the <c>Fallback</c> section and are validated at start.
    /// </summary>
    public static IServiceCollection AddOrleansGroqFallback(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LocalFallbackOptions.SectionName);
        services.AddOptions<LocalFallbackOptions>().Configure(options => Bind(section, options)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalFallbackOptions>, LocalFallbackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PatternExtractor>();
        services.TryAddSingleton<RiskScorer>();
        services.TryAddSingleton<SafetyBlocklist>();
        services.TryAddSingleton<RepetitionDetector>();
        services.TryAddSingleton<TemplateReplies>();
        services.TryAddSingleton<LocalFallback>();
        services.TryAddSingleton<DegradedCompletionWriter>();
        return services;
    }

    // The binder appends configured items to a list that already holds defaults; a configured list replaces them.
    private static void Bind(IConfigurationSection section, LocalFallbackOptions options)
    {
        ClearIfConfigured(section, nameof(options.Templates), options.Templates);
        ClearIfConfigured(section, nameof(options.RiskKeywords), options.RiskKeywords);
        ClearIfConfigured(section, nameof(options.ScamPatterns), options.ScamPatterns);
        ClearIfConfigured(section, nameof(options.Blocklist), options.Blocklist);
        section.Bind(options);
    }

    private static void ClearIfConfigured(IConfigurationSection section, string setting, IList<string> list)
    {
        if (section.GetSection(setting).Exists())
        {
            list.Clear();
        }
    }
}
