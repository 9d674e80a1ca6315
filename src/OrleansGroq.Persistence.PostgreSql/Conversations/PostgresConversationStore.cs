using Npgsql;
using OrleansGroq.Abstractions.Conversations;
using static OrleansGroq.Persistence.PostgreSql.Conversations.ConversationRows;

namespace OrleansGroq.Persistence.PostgreSql.Conversations;

/// <summary>
/// Conversations in PostgreSQL: the storage of every node's conversation grains. Every operation is one round trip
/// when it succeeds (a turn is one append); a refused append reads the row once more to say why. Timestamps are kept
/// to the microsecond, in UTC.
/// </summary>
public sealed class PostgresConversationStore(NpgsqlDataSource dataSource, TimeProvider time) : IConversationStore
{
    private const string UniqueViolation = "23505";
    private const string KeyIndex = "conversation_messages_idempotency";

    public async Task CreateAsync(StoredConversation conversation, IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(messages);
        if (conversation.Version != 0 || conversation.MessageCount != messages.Count)
        {
            throw new ArgumentException("A new conversation starts at version 0 with MessageCount equal to its messages.", nameof(conversation));
        }

        ThrowUnlessContiguous(messages, 1, nameof(messages));
        await using var command = dataSource.CreateCommand(ConversationSql.Create);
        command.Parameters.Add(Text(conversation.Id));
        command.Parameters.Add(Text(conversation.Tenant));
        command.Parameters.Add(Text(conversation.Model));
        AddMessages(command.Parameters, messages);
        command.Parameters.Add(Text(conversation.KeyAlias));
        command.Parameters.Add(Text(conversation.MetadataJson));
        command.Parameters.Add(Timestamp(conversation.CreatedAt));
        command.Parameters.Add(Integer(conversation.KeyRotations));
        command.Parameters.Add(Bigint(conversation.CachedTokens));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && e.TableName == "conversations")
        {
            throw new InvalidOperationException($"Conversation {conversation.Id} already exists.", e);
        }
    }

    public async Task<ConversationSnapshot?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        // The two statements read at two moments. Messages are only ever added, together with the header's count, so
        // the second read holds at least the messages the header counts; any beyond it came later and are left out.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ConversationSql.LoadHeader) { Parameters = { Text(id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ConversationSql.LoadMessages) { Parameters = { Text(id) } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var header = ReadHeader(reader);
        await reader.NextResultAsync(cancellationToken);
        var messages = new List<StoredMessage>(header.MessageCount);
        var keys = new List<TurnKey>();
        while (messages.Count < header.MessageCount && await reader.ReadAsync(cancellationToken))
        {
            messages.Add(ReadMessage(reader));
            if (ReadKey(reader) is { } key)
            {
                keys.Add(key);
            }
        }

        return new ConversationSnapshot(header, messages, keys);
    }

    public async Task<AppendStatus> AppendAsync(
        string id, long expectedVersion, IReadOnlyList<StoredMessage> messages, ConversationChanges changes, TurnKey? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(changes);
        if (messages.Count == 0)
        {
            throw new ArgumentException("An append stores at least one message.", nameof(messages));
        }

        ThrowUnlessContiguous(messages, messages[0].Sequence, nameof(messages));
        if (key is not null && (key.Sequence < messages[0].Sequence || key.Sequence > messages[^1].Sequence))
        {
            throw new ArgumentException($"The key must name one of the appended messages, not sequence {key.Sequence}.", nameof(key));
        }

        await using (var append = dataSource.CreateCommand(ConversationSql.Append))
        {
            append.Parameters.Add(Text(id));
            append.Parameters.Add(Bigint(expectedVersion));
            append.Parameters.Add(NullableInteger(key?.Sequence));
            AddMessages(append.Parameters, messages);
            append.Parameters.Add(Text(changes.KeyAlias));
            append.Parameters.Add(Integer(changes.KeyRotated ? 1 : 0));
            append.Parameters.Add(Bigint(changes.CachedTokens));
            append.Parameters.Add(Text(key?.Key));
            append.Parameters.Add(Text(key?.Fingerprint));
            try
            {
                if (await append.ExecuteNonQueryAsync(cancellationToken) > 0)
                {
                    return AppendStatus.Appended;
                }
            }
            catch (PostgresException e) when (e.SqlState == UniqueViolation && e.ConstraintName == KeyIndex)
            {
                // Another activation stored a turn with this key first: the statement stored nothing.
                return AppendStatus.Conflict;
            }
        }

        await using var state = dataSource.CreateCommand(ConversationSql.AppendState);
        state.Parameters.Add(Text(id));
        await using var reader = await state.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return AppendStatus.NotFound;
        }

        if (reader.GetInt64(0) != expectedVersion)
        {
            return AppendStatus.Conflict;
        }

        throw new ArgumentException($"The messages must continue at sequence {reader.GetInt32(1) + 1}, not {messages[0].Sequence}.", nameof(messages));
    }

    public async Task<bool> DeleteAsync(string id, string tenant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ConversationSql.Delete);
        command.Parameters.Add(Text(id));
        command.Parameters.Add(Text(tenant));
        command.Parameters.Add(Timestamp(time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<StoredConversation>> ListAsync(string tenant, string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(ConversationSql.List);
        command.Parameters.Add(Text(tenant));
        command.Parameters.Add(Text(after ?? string.Empty));
        command.Parameters.Add(Integer(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<StoredConversation>(Math.Min(limit, 100));
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(ReadHeader(reader));
        }

        return page;
    }

    private static void ThrowUnlessContiguous(IReadOnlyList<StoredMessage> messages, int first, string parameterName)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Sequence != first + i)
            {
                throw new ArgumentException($"Message sequences must run from {first} without gaps; found {messages[i].Sequence} at position {i}.", parameterName);
            }
        }
    }
}
