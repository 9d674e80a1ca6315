using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Persistence.PostgreSql.Migrations;

using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Conversations.Store;

/// <summary>A fresh database with the current schema, one per test class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = null!;

    /// <summary>A data source shared by the class's tests.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await new PostgresMigrator(DataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}
