using Npgsql;
using NpgsqlTypes;
using OrleansGroq.Abstractions.Conversations;

namespace OrleansGroq.Persistence.PostgreSql.Conversations;

/// <summary>Conversation records to and from the statements' parameters and columns (<see cref="ConversationSql"/>).</summary>
internal static class ConversationRows
{
    /// <summary>Reads the columns of <see cref="ConversationSql.HeaderColumns"/>, in that order.</summary>
    public static StoredConversation ReadHeader(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        Tenant: reader.GetString(1),
        Model: reader.GetString(2),
        KeyAlias: reader.IsDBNull(3) ? null : reader.GetString(3),
        MetadataJson: reader.IsDBNull(4) ? null : reader.GetString(4),
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(5),
        Version: reader.GetInt64(6),
        MessageCount: reader.GetInt32(7),
        KeyRotations: reader.GetInt32(8),
        CachedTokens: reader.GetInt64(9));

    /// <summary>Reads seq, role, message, tokens, created_at.</summary>
    public static StoredMessage ReadMessage(NpgsqlDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4));

    /// <summary>Reads idempotency_key and request_fingerprint after <see cref="ReadMessage"/>'s columns: the turn key stored on that message, if any.</summary>
    public static TurnKey? ReadKey(NpgsqlDataReader reader) =>
        reader.IsDBNull(5) ? null : new TurnKey(reader.GetString(5), reader.GetString(6), reader.GetInt32(0));

    /// <summary>Adds the messages as five parallel arrays, the parameters that <c>unnest</c> turns back into rows.</summary>
    public static void AddMessages(NpgsqlParameterCollection parameters, IReadOnlyList<StoredMessage> messages)
    {
        var sequences = new int[messages.Count];
        var roles = new string[messages.Count];
        var json = new string[messages.Count];
        var tokens = new int[messages.Count];
        var created = new DateTimeOffset[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            sequences[i] = messages[i].Sequence;
            roles[i] = messages[i].Role;
            json[i] = messages[i].Json;
            tokens[i] = messages[i].Tokens;
            created[i] = messages[i].CreatedAt.ToUniversalTime();
        }

        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = sequences });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = roles });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = json });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = tokens });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = created });
    }

    public static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter<int> Integer(int value) => new() { TypedValue = value };

    public static NpgsqlParameter<int?> NullableInteger(int? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Integer };

    public static NpgsqlParameter<long> Bigint(long value) => new() { TypedValue = value };

    // Npgsql writes timestamptz only from UTC values.
    public static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };
}
