using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Conversations;

namespace OrleansGroq.IntegrationTests.Conversations.Store;

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    protected override IConversationStore Store { get; } = new InMemoryConversationStore();
}
