using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansGroq.Persistence.PostgreSql.Migrations;

/// <summary>
/// Brings a database's schema up to date. Each migration runs in its own transaction holding a transaction-level
/// advisory lock, so nodes that start together apply it once: the others wait on the lock, then find it recorded.
/// </summary>
internal sealed partial class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    // Any constant works as long as every node uses the same one; these are the bytes of "OGQ_MIGR".
    private const long LockKey = 0x4F47_515F_4D49_4752;

    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            description text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>Applies the migrations this database lacks; returns the versions this call applied.</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(SchemaMigrations.All, cancellationToken);

    public async Task<IReadOnlyList<int>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version <= migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Migration versions must increase: {migrations[i].Version} follows {migrations[i - 1].Version}.");
            }
        }

        var applied = new List<int>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var migration in migrations)
        {
            if (await ApplyAsync(connection, migration, cancellationToken))
            {
                applied.Add(migration.Version);
            }
        }

        Log.UpToDate(logger, connection.Database, migrations.Count == 0 ? 0 : migrations[^1].Version, applied.Count);
        return applied;
    }

    private async Task<bool> ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", [new NpgsqlParameter<long> { TypedValue = LockKey }], cancellationToken);
        await ExecuteAsync(connection, CreateHistory, [], cancellationToken);
        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)", connection))
        {
            check.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            if ((bool)(await check.ExecuteScalarAsync(cancellationToken))!)
            {
                await transaction.CommitAsync(cancellationToken);
                return false;
            }
        }

        Log.Applying(logger, migration.Version, migration.Description, connection.Database);
        var started = Stopwatch.GetTimestamp();
        await ExecuteAsync(connection, migration.Sql, [], cancellationToken);
        await ExecuteAsync(
            connection,
            "INSERT INTO schema_migrations (version, description) VALUES ($1, $2)",
            [new NpgsqlParameter<int> { TypedValue = migration.Version }, new NpgsqlParameter<string> { TypedValue = migration.Description }],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Applied(logger, migration.Version, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
