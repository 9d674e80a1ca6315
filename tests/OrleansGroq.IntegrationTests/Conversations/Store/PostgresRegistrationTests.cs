using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Conversations;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Persistence.PostgreSql.Conversations;

using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Conversations.Store;

/// <summary>How a host picks up PostgreSQL from configuration: the store, the migrations at start, the health check.</summary>
public sealed class PostgresRegistrationTests
{
    [Fact]
    public async Task With_a_connection_string_the_host_migrates_before_it_starts_and_uses_the_postgres_store_whatever_the_order()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString };
            using var postgresFirst = Build(settings, s => s.AddOrleansGroqPostgres(Configuration(settings)).AddOrleansGroqConversations(Configuration(settings)));
            using var postgresLast = Build(settings, s => s.AddOrleansGroqConversations(Configuration(settings)).AddOrleansGroqPostgres(Configuration(settings)));

            await postgresLast.StartAsync();

            Assert.True(await TableExistsAsync(connectionString, "conversations"));
            Assert.IsType<PostgresConversationStore>(postgresLast.Services.GetRequiredService<IConversationStore>());
            Assert.IsType<PostgresConversationStore>(postgresFirst.Services.GetRequiredService<IConversationStore>());
            var report = await postgresLast.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Entries["postgres"].Status);
            await postgresLast.StopAsync();
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public void Without_a_connection_string_nothing_changes()
    {
        var settings = new Dictionary<string, string?>();
        using var host = Build(settings, s => s.AddOrleansGroqConversations(Configuration(settings)).AddOrleansGroqPostgres(Configuration(settings)));

        Assert.IsType<InMemoryConversationStore>(host.Services.GetRequiredService<IConversationStore>());
        Assert.Null(host.Services.GetService<NpgsqlDataSource>());
    }

    [Fact]
    public async Task With_migrations_turned_off_the_host_starts_without_touching_the_schema()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString, ["Database:ApplyMigrations"] = "false" };
            using var host = Build(settings, s => s.AddOrleansGroqPostgres(Configuration(settings)));

            await host.StartAsync();

            Assert.False(await TableExistsAsync(connectionString, "schema_migrations"));
            await host.StopAsync();
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_when_the_server_does_not_answer()
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2" };
        using var host = Build(settings, s => s.AddOrleansGroqPostgres(Configuration(settings)));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["postgres"].Status);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_repeating_it()
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=db;Password=hunter2;Bogus Keyword=1" };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOrleansGroqPostgres(Configuration(settings)));

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection> configure)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder.Services);
        return builder.Build();
    }

    private static async Task<bool> TableExistsAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
