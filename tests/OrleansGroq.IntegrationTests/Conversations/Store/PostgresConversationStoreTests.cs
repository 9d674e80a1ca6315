using Npgsql;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Persistence.PostgreSql.Conversations;

namespace OrleansGroq.IntegrationTests.Conversations.Store;

public sealed class PostgresConversationStoreTests(MigratedDatabase database) : ConversationStoreContract, IClassFixture<MigratedDatabase>
{
    protected override IConversationStore Store { get; } = new PostgresConversationStore(database.DataSource, TimeProvider.System);

    [Fact]
    public async Task A_conversation_survives_its_data_source_and_reads_the_same_through_a_new_one()
    {
        var id = await CreateAsync();
        Assert.Equal(AppendStatus.Appended, await Store.AppendAsync(id, 0, [User(2, "hi"), Assistant(3, "hello")], new("key-1", false, 3), new TurnKey("k", "f", 3), CancellationToken.None));
        var written = await Store.LoadAsync(id, CancellationToken.None);

        ConversationSnapshot? read;
        await using (var restarted = NpgsqlDataSource.Create(database.ConnectionString))
        {
            read = await new PostgresConversationStore(restarted, TimeProvider.System).LoadAsync(id, CancellationToken.None);
        }

        Assert.NotNull(read);
        Assert.Equal(written!.Conversation, read.Conversation);
        Assert.Equal([System(1), User(2, "hi"), Assistant(3, "hello")], read.Messages);
        Assert.Equal([new TurnKey("k", "f", 3)], read.Keys);
    }
}
