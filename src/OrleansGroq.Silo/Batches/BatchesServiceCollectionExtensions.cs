using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGroq.Abstractions.Batches;
using OrleansGroq.Grains.Batches;
using OrleansGroq.Silo.Batches.Cluster;

namespace OrleansGroq.Silo.Batches;

/// <summary>Registers the Files and Batch API.</summary>
public static class BatchesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BatchesOptions"/> from the <c>Batches</c> section, validated at start (a <c>Mode</c> that names
    /// no mode stops the process with a message that names the setting), and registers both modes: pass-through, and
    /// the cluster runner with its stores in memory, which PostgreSQL replaces when configured.
    /// </summary>
    public static IServiceCollection AddGatewayBatches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BatchesOptions>().Bind(configuration.GetSection(BatchesOptions.SectionName))
            .Validate(o => Enum.IsDefined(o.Mode), "Batches:Mode must be 'groq' (pass-through to Groq) or 'cluster' (the cluster runs batches itself).")
            .Validate(o => o.MaxFileBytes > 0, "Batches:MaxFileBytes must be positive.")
            .Validate(o => o.UpstreamTimeout > TimeSpan.Zero, "Batches:UpstreamTimeout must be positive.")
            .Validate(o => o.Parallelism > 0, "Batches:Parallelism must be positive.")
            .Validate(o => o.ReminderPeriod >= TimeSpan.FromSeconds(1), "Batches:ReminderPeriod must be at least one second.")
            .ValidateOnStart();
        services.AddSingleton<PassThrough>();
        services.TryAddSingleton<IBatchFileStore, InMemoryBatchFileStore>();
        services.TryAddSingleton<IBatchResultStore, InMemoryBatchResultStore>();
        services.AddSingleton<IBatchItemRunner, InProcessBatchItemRunner>();
        return services;
    }

    /// <summary>Maps the Files and Batches routes of the configured mode.</summary>
    public static RouteGroupBuilder MapBatchesRoutes(this RouteGroupBuilder api, BatchesMode mode) => mode == BatchesMode.Cluster
        ? api.MapClusterFilesApi().MapClusterBatchesApi()
        : api.MapFilesApi().MapBatchesApi();
}
