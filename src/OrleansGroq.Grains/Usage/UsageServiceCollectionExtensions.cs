using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OrleansGroq.Abstractions.Usage;

namespace OrleansGroq.Grains.Usage;

/// <summary>Registers the usage ledger.</summary>
public static class UsageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="UsageLedgerWriter"/> (a hosted service), <see cref="UsageCosts"/> and, unless one is
    /// registered already, the <see cref="InMemoryUsageLedger"/>, which PostgreSQL replaces when configured. Options
    /// come from <c>Usage</c> and are validated at start.
    /// </summary>
    public static IServiceCollection AddOrleansGroqUsage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        const string section = UsageLedgerOptions.SectionName;
        services.AddOptions<UsageLedgerOptions>().Bind(configuration.GetSection(section))
            .Validate(o => o.QueueCapacity > 0, $"{section}:QueueCapacity must be positive.")
            .Validate(o => o.BatchSize > 0, $"{section}:BatchSize must be positive.")
            .Validate(o => o.FlushInterval >= TimeSpan.Zero && o.FlushInterval <= TimeSpan.FromMinutes(1), $"{section}:FlushInterval must be between 0 and 1 minute.")
            .Validate(o => o.InMemoryCapacity > 0, $"{section}:InMemoryCapacity must be positive.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUsageLedger, InMemoryUsageLedger>();
        services.TryAddSingleton<UsageCosts>();
        services.TryAddSingleton<UsageLedgerWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageLedgerWriter>());
        return services;
    }
}
