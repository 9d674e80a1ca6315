using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Persistence.PostgreSql.Cluster;

namespace OrleansGroq.IntegrationTests.Cluster.Postgres;

/// <summary>The test cluster's client finds the gateways in the PostgreSQL membership table (GatewaysQueryKey).</summary>
public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = configuration.GetConnectionString(PostgreSqlServiceCollectionExtensions.ConnectionStringName)
            ?? throw new InvalidOperationException("The test cluster passed no PostgreSQL connection string.");
        clientBuilder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresSiloBuilderExtensions.Invariant;
            options.ConnectionString = connectionString;
        });
    }
}
