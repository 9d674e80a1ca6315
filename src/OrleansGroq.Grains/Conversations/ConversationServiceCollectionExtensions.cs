using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGroq.Abstractions.Conversations;

namespace OrleansGroq.Grains.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation options and the in-memory store, the embedded default, for the conversation grain;
    /// the PostgreSQL package replaces the store when a connection string is configured.
    /// </summary>
    public static IServiceCollection AddOrleansGroqConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.SectionName))
            .Validate(o => o.TurnLease > TimeSpan.Zero, "Conversations:TurnLease must be positive.")
            .Validate(o => o.MaxQueuedTurns >= 0, "Conversations:MaxQueuedTurns must be 0 or more.")
            .Validate(o => o.DefaultMaxTokens > 0, "Conversations:DefaultMaxTokens must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        return services;
    }
}
