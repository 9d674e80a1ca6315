using Npgsql;
using NpgsqlTypes;
using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Persistence.PostgreSql.Keys;

/// <summary>Publishes key state to <c>api_key_state</c> and every node's listener, in one round trip.</summary>
internal sealed class PostgresApiKeyStateSync(NpgsqlDataSource dataSource) : IApiKeyStateSync
{
    public async Task PublishAsync(string alias, ApiKeyStateChange change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentNullException.ThrowIfNull(change);

        // A reason without a deadline would follow a later deadline it does not explain.
        var coolingUntil = change.CoolingUntil?.ToUniversalTime();
        var reason = coolingUntil is null ? null : CooldownReasonNames.ToName(change.Reason);
        await using var command = dataSource.CreateCommand(ApiKeyStateSql.Publish);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alias });
        command.Parameters.Add(new NpgsqlParameter { Value = coolingUntil is { } until ? until : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = change.Disabled });
        command.Parameters.Add(new NpgsqlParameter { Value = coolingUntil is null ? DBNull.Value : (object?)change.CoolingModel ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
