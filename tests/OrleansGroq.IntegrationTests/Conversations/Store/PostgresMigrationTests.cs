using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Persistence.PostgreSql.Migrations;

using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Conversations.Store;

public sealed class PostgresMigrationTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Migrating_a_current_database_again_applies_nothing_and_changes_no_history()
    {
        var before = await HistoryAsync(database.DataSource);

        var applied = await Migrator(database.DataSource).MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
        Assert.Equal(SchemaMigrations.All.Select(m => (m.Version, m.Description)), before);
        Assert.Equal(before, await HistoryAsync(database.DataSource));
    }

    [Fact]
    public async Task Nodes_migrating_a_fresh_database_at_once_all_succeed_and_apply_each_migration_once()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToArray();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = dataSources.Select(async dataSource =>
            {
                await start.Task;
                return await Migrator(dataSource).MigrateAsync(CancellationToken.None);
            }).ToArray();

            start.SetResult();
            var applied = await Task.WhenAll(runs);

            Assert.Equal(SchemaMigrations.All.Select(m => m.Version), applied.SelectMany(versions => versions).Order());
            Assert.Equal(SchemaMigrations.All.Select(m => (m.Version, m.Description)), await HistoryAsync(dataSources[0]));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }

            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migrations_out_of_order_are_refused_before_anything_runs()
    {
        Migration[] migrations = [new(2, "second", "CREATE TABLE out_of_order_2 (id int)"), new(1, "first", "CREATE TABLE out_of_order_1 (id int)")];

        await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(database.DataSource).MigrateAsync(migrations, CancellationToken.None));

        await using var command = database.DataSource.CreateCommand("SELECT to_regclass('out_of_order_2') IS NULL");
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_failing_migration_leaves_neither_its_changes_nor_a_record_behind()
    {
        var next = SchemaMigrations.All[^1].Version + 1;
        Migration[] migrations = [.. SchemaMigrations.All, new(next, "half done", "CREATE TABLE half_done (id int); SELECT 1 / 0")];

        await Assert.ThrowsAsync<PostgresException>(() => Migrator(database.DataSource).MigrateAsync(migrations, CancellationToken.None));

        await using var command = database.DataSource.CreateCommand("SELECT to_regclass('half_done') IS NULL");
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
        Assert.DoesNotContain(next, (await HistoryAsync(database.DataSource)).Select(h => h.Version));
    }

    private static PostgresMigrator Migrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<PostgresMigrator>.Instance);

    private static async Task<List<(int Version, string Description)>> HistoryAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version, description FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var history = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            history.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return history;
    }
}
