using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansGroq.Grains.Storage;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Persistence.PostgreSql.Cluster;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>A test silo on PostgreSQL membership and grain storage, through the gateway's own extension (membership timings stay Orleans' defaults).</summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration.GetConnectionString(PostgreSqlServiceCollectionExtensions.ConnectionStringName)
            ?? throw new InvalidOperationException("The test cluster passed no PostgreSQL connection string.");
        siloBuilder.UseOrleansGroqPostgres(connectionString, GrainStorage.Name);
    }
}
