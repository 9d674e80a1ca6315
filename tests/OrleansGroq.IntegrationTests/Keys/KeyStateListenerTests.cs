using Npgsql;
using NpgsqlTypes;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Persistence.PostgreSql.Keys;

namespace OrleansGroq.IntegrationTests.Keys;

/// <summary>The listening connection under faults: lost connections, foreign notifications.</summary>
public sealed class KeyStateListenerTests
{
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_test_listener_account_a");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_test_listener_account_b");

    [Fact]
    public async Task After_losing_its_connection_a_node_reconnects_and_reads_what_it_missed()
    {
        await using var cluster = await KeyCluster.StartAsync([KeyA, KeyB], nodes: 1);
        var pool = KeyCluster.Pool(cluster.Nodes[0]);
        await using var dataSource = NpgsqlDataSource.Create(cluster.Database);
        await using var connection = await dataSource.OpenConnectionAsync();
        var listener = await ListenerPidAsync(connection);

        // Refuse new connections, so the node cannot be listening when the change is published. A database cannot
        // refuse connections from inside itself, so this goes through the server's maintenance database.
        await using var server = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cluster.Database) { Database = "postgres" }.ConnectionString);
        await using var maintenance = await server.OpenConnectionAsync();
        await ExecuteAsync(maintenance, $"ALTER DATABASE {connection.Database} WITH ALLOW_CONNECTIONS false");
        await ExecuteAsync(connection, $"SELECT pg_terminate_backend({listener})");
        var until = DateTimeOffset.UtcNow.AddMinutes(10);
        await PublishAsync(connection, KeyA.Alias, until, "tokens_per_day", disabled: false);
        await Task.Delay(500);
        Assert.Null(pool.GetStatus(KeyA.Alias).CoolingUntil);
        await ExecuteAsync(maintenance, $"ALTER DATABASE {connection.Database} WITH ALLOW_CONNECTIONS true");

        await Polling.UntilAsync(() => pool.GetStatus(KeyA.Alias).CoolingUntil is not null, "the missed change is read after reconnecting");
        Assert.Equal(CooldownReason.TokensPerDay, pool.GetStatus(KeyA.Alias).Reason);
        Assert.NotEqual(listener, await ListenerPidAsync(connection));

        await PublishAsync(connection, KeyB.Alias, null, null, disabled: true);
        await Polling.UntilAsync(() => pool.GetStatus(KeyB.Alias).Disabled, "a new notification arrives on the new connection");
    }

    [Fact]
    public async Task Notifications_for_other_keys_or_in_another_shape_are_ignored_without_dropping_the_connection()
    {
        await using var cluster = await KeyCluster.StartAsync([KeyA, KeyB], nodes: 1);
        var pool = KeyCluster.Pool(cluster.Nodes[0]);
        await using var dataSource = NpgsqlDataSource.Create(cluster.Database);
        await using var connection = await dataSource.OpenConnectionAsync();
        var listener = await ListenerPidAsync(connection);

        await PublishAsync(connection, "not-configured-here", DateTimeOffset.UtcNow.AddMinutes(10), "requests_per_minute", disabled: true);
        await ExecuteAsync(connection, $"SELECT pg_notify('{ApiKeyStateSql.Channel}', 'not json')");
        await ExecuteAsync(connection, $"SELECT pg_notify('{ApiKeyStateSql.Channel}', '{{\"alias\": 42}}')");
        await PublishAsync(connection, KeyA.Alias, DateTimeOffset.UtcNow.AddMinutes(10), "requests_per_minute", disabled: false);

        await Polling.UntilAsync(() => pool.GetStatus(KeyA.Alias).CoolingUntil is not null, "the known key's change applies");
        Assert.Equal(listener, await ListenerPidAsync(connection));
        Assert.False(pool.GetStatus(KeyB.Alias).Disabled);
        Assert.DoesNotContain(pool.Keys, key => key.Alias == "not-configured-here");
    }

    private static async Task<int> ListenerPidAsync(NpgsqlConnection connection)
    {
        var pid = 0;
        await Polling.UntilAsync(
            async () =>
            {
                await using var command = new NpgsqlCommand(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ApiKeyStateSql.ApplicationName });
                pid = await command.ExecuteScalarAsync() is int found ? found : 0;
                return pid != 0;
            },
            "the node is listening");
        return pid;
    }

    // What another node's publication does, on a connection that is already open.
    private static async Task PublishAsync(NpgsqlConnection connection, string alias, DateTimeOffset? until, string? reason, bool disabled)
    {
        await using var command = new NpgsqlCommand(ApiKeyStateSql.Publish, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = alias });
        command.Parameters.Add(new NpgsqlParameter { Value = until is { } u ? u : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = disabled });
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
