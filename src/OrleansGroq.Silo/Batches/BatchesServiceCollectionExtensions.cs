using OrleansGroq.Abstractions.Batches;

namespace OrleansGroq.Silo.Batches;

/// <summary>Registers the Files and Batch API.</summary>
public static class BatchesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BatchesOptions"/> from the <c>Batches</c> section, validated at start (a <c>Mode</c> that names
    /// no mode stops the process with a message that names the setting), and registers pass-through mode.
    /// </summary>
    public static IServiceCollection AddGatewayBatches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BatchesOptions>().Bind(configuration.GetSection(BatchesOptions.SectionName))
            .Validate(o => Enum.IsDefined(o.Mode), "Batches:Mode must be 'groq' (pass-through to Groq).")
            .Validate(o => o.MaxFileBytes > 0, "Batches:MaxFileBytes must be positive.")
            .Validate(o => o.UpstreamTimeout > TimeSpan.Zero, "Batches:UpstreamTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<PassThrough>();
        return services;
    }
}
