using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains;
using OrleansGroq.Grains.Conversations;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Storage;
using OrleansGroq.IntegrationTests.Cluster.Postgres;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Persistence.PostgreSql;
using OrleansGroq.Persistence.PostgreSql.Cluster;

namespace OrleansGroq.IntegrationTests.Cluster;

/// <summary>
/// An Orleans test cluster of in-process silos (<see cref="TestCluster"/>) carrying the gateway's grains and the
/// silo-local services around them, but no HTTP front end. Grain state is in memory, or, with a database, in
/// PostgreSQL, which then also holds membership.
/// </summary>
internal sealed class GrainCluster : IAsyncDisposable
{
    public const string Model = ChatBodies.Model;

    private GrainCluster(TestCluster cluster, IReadOnlyList<TestKey> keys)
    {
        Cluster = cluster;
        Keys = keys;
    }

    public TestCluster Cluster { get; }

    /// <summary>The API keys every silo is configured with.</summary>
    public IReadOnlyList<TestKey> Keys { get; }

    public IReadOnlyList<InProcessSiloHandle> Silos => [.. Cluster.Silos.Where(silo => silo.IsActive).Cast<InProcessSiloHandle>()];

    /// <param name="configure">Adds to the builder, for example a silo configurator with membership timings.</param>
    public static async Task<GrainCluster> StartAsync(int silos, int keys = 8, string? database = null, Action<TestClusterBuilder>? configure = null)
    {
        IReadOnlyList<TestKey> testKeys = [.. Enumerable.Range(0, keys).Select(i => new TestKey($"k{i}", $"org_{i % 2}", $"gsk_test_grain_cluster_{i}"))];
        var builder = new TestClusterBuilder((short)silos);
        foreach (var (name, value) in Settings(testKeys, database))
        {
            builder.Properties[name] = value;
        }

        builder.Options.UseTestClusterMembership = database is null;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        if (database is not null)
        {
            // Without the test cluster's membership the client must find the gateways itself, in the database.
            builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        }

        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GrainCluster(cluster, testKeys);
    }

    public static IServiceProvider Services(InProcessSiloHandle silo) => silo.SiloHost.Services;

    public static IGrainFactory Grains(InProcessSiloHandle silo) => Services(silo).GetRequiredService<IGrainFactory>();

    /// <summary>The silo that holds the activation of <paramref name="grain"/>, or null when it has none.</summary>
    public async Task<SiloAddress?> HostOfAsync(IAddressable grain)
    {
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var id = grain.GetGrainId();
        return statistics.Where(s => s.GrainId == id).Select(s => s.SiloAddress).SingleOrDefault();
    }

    /// <summary>How many activations <paramref name="grain"/> has across the cluster.</summary>
    public async Task<int> ActivationsOfAsync(IAddressable grain)
    {
        var statistics = await Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var id = grain.GetGrainId();
        return statistics.Count(s => s.GrainId == id);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private static Dictionary<string, string> Settings(IReadOnlyList<TestKey> keys, string? database)
    {
        var settings = new Dictionary<string, string>
        {
            ["Models:Catalog:0:Id"] = Model,
            ["Models:Catalog:0:ContextWindow"] = "131072",
            ["Models:Catalog:0:Capabilities"] = "Text",
            [$"Quota:Defaults:{Model}:Rpm"] = "600",
            [$"Quota:Defaults:{Model}:Tpm"] = "60000",
        };
        if (database is not null)
        {
            settings[$"ConnectionStrings:{PostgreSqlServiceCollectionExtensions.ConnectionStringName}"] = database;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            settings[$"Groq:Keys:{index}:Alias"] = keys[i].Alias;
            settings[$"Groq:Keys:{index}:Account"] = keys[i].Account;
            settings[$"Groq:Keys:{index}:Secret"] = keys[i].Secret;
        }

        return settings;
    }

    /// <summary>What a gateway silo carries besides its HTTP front end, configured from the cluster's properties.</summary>
    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddOrleansGroqGrains(silo.Configuration);
            silo.Services.AddOrleansGroqQuota(silo.Configuration);
            silo.Services.AddOrleansGroqConversations(silo.Configuration);
            silo.Services.AddOptions<ModelCatalogOptions>().Bind(silo.Configuration.GetSection(ModelCatalogOptions.SectionName));
            silo.Services.AddSingleton<ModelCatalog>();
            if (silo.Configuration.GetConnectionString(PostgreSqlServiceCollectionExtensions.ConnectionStringName) is { Length: > 0 } database)
            {
                silo.Services.AddOrleansGroqPostgres(silo.Configuration);
                silo.UseOrleansGroqPostgres(database, GrainStorage.Name);
            }
            else
            {
                silo.AddMemoryGrainStorage(GrainStorage.Name);
            }
        }
    }
}
