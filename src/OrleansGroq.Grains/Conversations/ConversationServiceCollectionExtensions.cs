using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Runtime;

namespace OrleansGroq.Grains.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation grain over the in-memory store, the embedded default; the PostgreSQL
    /// package replaces the store when a connection string is configured.
    /// </summary>
    public static IServiceCollection AddOrleansGroqConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.SectionName))
            .Validate(o => o.TurnLease > TimeSpan.Zero, "Conversations:TurnLease must be positive.")
            .Validate(o => o.DefaultMaxTokens > 0, "Conversations:DefaultMaxTokens must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.AddGrain<IConversationGrain, ConversationGrain, ConversationGrainReference>();
        return services;
    }
}
