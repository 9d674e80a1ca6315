using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Placement;
using Orleans.Runtime;
using OrleansGroq.Abstractions.Conversations;

namespace OrleansGroq.Grains.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation options and the in-memory store, the embedded default, for the conversation grain;
    /// the PostgreSQL package replaces the store when a connection string is configured. Also the silo's watch of dead
    /// front ends, which lets a conversation go of a turn whose silo died, and the handover of the silo's conversations when
    /// it leaves the cluster.
    /// </summary>
    public static IServiceCollection AddOrleansGroqConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.SectionName))
            .Validate(o => o.TurnLease > TimeSpan.Zero, "Conversations:TurnLease must be positive.")
            .Validate(o => o.MaxQueuedTurns >= 0, "Conversations:MaxQueuedTurns must be 0 or more.")
            .Validate(o => o.DefaultMaxTokens > 0, "Conversations:DefaultMaxTokens must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        if (services.All(d => d.ServiceType != typeof(FrontEndDeaths)))
        {
            services.AddSingleton<FrontEndDeaths>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static provider => provider.GetRequiredService<FrontEndDeaths>());
            services.AddSingleton<ConversationHandover>();
            services.AddPlacementFilter<NotOnLeavingSilo, NotOnLeavingSiloDirector>(ServiceLifetime.Singleton);
        }

        return services;
    }
}
