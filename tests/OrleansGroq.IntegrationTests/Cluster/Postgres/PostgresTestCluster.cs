using Npgsql;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansGroq.Persistence.PostgreSql;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>Two in-process silos and a client whose membership and grain storage are a PostgreSQL database.</summary>
internal static class PostgresTestCluster
{
    /// <summary><c>SiloStatus.Dead</c> as stored in <c>orleans_membership.status</c>.</summary>
    public const int DeadStatus = 6;

    /// <summary>Starts the cluster on a migrated database; <paramref name="configure"/> may add silo configurators.</summary>
    public static async Task<TestCluster> StartAsync(string connectionString, Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[$"ConnectionStrings:{PostgreSqlServiceCollectionExtensions.ConnectionStringName}"] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        configure?.Invoke(builder);
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>The status a silo's row in <c>orleans_membership</c> holds, or null if it has none.</summary>
    public static async Task<int?> StoredStatusAsync(NpgsqlDataSource dataSource, string clusterId, SiloAddress silo)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT status FROM orleans_membership WHERE deployment_id = $1 AND address = $2 AND port = $3 AND generation = $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Endpoint.Address.ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Endpoint.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
        return await command.ExecuteScalarAsync() as int?;
    }
}
