using Microsoft.AspNetCore.Server.Kestrel.Core;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Conversations;
using OrleansGroq.Grains.Caching;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.Grains.Fallback;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Silo.Admin;
using OrleansGroq.Silo.Auth;
using OrleansGroq.Silo.Batches;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Fallback;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.InProcess;
using OrleansGroq.Silo.Quota;
using OrleansGroq.Silo.Shutdown;
using OrleansGroq.Silo.Statistics;
using OrleansGroq.Silo.Telemetry;
using OrleansGroq.Silo.Usage;
using OrleansGroq.Silo.WebConsole;

namespace OrleansGroq.Silo.Hosting;

public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration, OfflineUpstream offline)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName))
            .Validate(o => o.MaxRequestBodyBytes > 0, "Gateway:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.MaxKeyAttempts >= 1, "Gateway:MaxKeyAttempts must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<UpstreamOptions>().Bind(configuration.GetSection(UpstreamOptions.SectionName))
            .Validate(o => o.BaseUrl.IsAbsoluteUri, "Upstream:BaseUrl must be an absolute URL.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero, "Upstream:AttemptTimeout must be positive.")
            .Validate(o => o.MaxRetries >= 0, "Upstream:MaxRetries must not be negative.")
            .ValidateOnStart();
        services.AddOptions<ModelCatalogOptions>().Bind(configuration.GetSection(ModelCatalogOptions.SectionName))
            .Validate(o => o.Catalog.Count > 0, "Models:Catalog must list at least one model.")
            .ValidateOnStart();
        services.AddOptions<BackupProviderOptions>().Bind(configuration.GetSection(BackupProviderOptions.SectionName))
            .Validate(o => o.BaseUrl is null || o.BaseUrl.IsAbsoluteUri, "Backup:BaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<ClientAuthOptions>().Bind(configuration.GetSection(ClientAuthOptions.SectionName));

        services.AddSingleton(offline);
        services.AddSingleton<ClientAuthenticator>();
        services.AddOpenAiErrors();
        services.AddBrowserAccess(configuration);
        services.AddConcurrencyLimit(configuration);
        services.AddGatewayAdmin(configuration);
        services.AddSingleton<WebConsoleFiles>();
        services.AddHostedService<StartupNotices>();
        services.AddOrleansGroqGrains(configuration);
        services.AddOrleansGroqChat();
        services.AddOrleansGroqConversations(configuration);
        services.AddOrleansGroqQuota(configuration);
        services.AddOrleansGroqRouting(configuration);
        services.AddGatewayModelStatistics(configuration);
        services.AddGatewayUsage(configuration);
        services.AddOrleansGroqResponseCache(configuration);
        services.AddOrleansGroqFallback(configuration);
        services.AddSingleton<ChatCascade>();
        services.AddSingleton<DegradedPolicy>();
        services.AddSingleton<LocalAnswers>();
        services.AddSingleton<TenantBudgets>();
        services.AddSingleton<StructuredExtractor>();
        services.AddGatewayBatches(configuration);
        services.AddOrleansGroqPostgres(configuration);
        services.AddHealthChecks();
        services.AddGracefulShutdown(configuration);
        services.AddGatewayTelemetry(configuration);
        services.AddInProcessGateway();

        // Each endpoint enforces its own body limit, so that an oversized body gets an OpenAI-shaped 413.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        return services;
    }
}
