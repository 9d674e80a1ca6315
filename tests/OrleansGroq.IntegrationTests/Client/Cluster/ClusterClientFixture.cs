using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGroq.Client;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Cluster.Processes;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Cluster;

/// <summary>
/// Two gateway processes on PostgreSQL that require a client token, and this test process joined to their cluster as
/// an Orleans client through <c>AddOrleansGroqClusterClient</c>.
/// </summary>
public sealed class ClusterClientFixture : IAsyncLifetime
{
    public const string Token = "ogq_test_cluster_client";

    private static readonly TestKey Key = new("k1", "org_1", "gsk_test_cluster_client_1");

    private IHost _client = null!;

    internal SiloProcessCluster Cluster { get; private set; } = null!;

    internal EmulatorControl Emulator => Cluster.Emulator.Control;

    /// <summary>The HttpClient of the registered clients, over the cluster, sending the token.</summary>
    public HttpClient Http { get; private set; } = null!;

    public IChatClient Chat => _client.Services.GetRequiredService<IChatClient>();

    public IConversationClient Conversations => _client.Services.GetRequiredService<IConversationClient>();

    public IClusterClient Orleans => _client.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        Cluster = await SiloProcessCluster.StartAsync(
            Key,
            new EmulatorOptions
            {
                Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited } }],
            },
            new Dictionary<string, string>
            {
                ["Gateway__Auth__Tokens__0__Tenant"] = "cluster-client",
                ["Gateway__Auth__Tokens__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),

                // A turn whose front end died with its silo holds its conversation for the turn lease (2 min by
                // default), and the turn resent with its key waits behind it: shortened, so that a restart test's
                // resent turns wait seconds.
                ["Conversations__TurnLease"] = "00:00:10",
            },
            size: 2);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOrleansGroqClusterClient(options => (options.ConnectionString, options.ApiKey, options.DefaultModel) = (Cluster.Database, Token, "speed"));
        _client = builder.Build();
        await _client.StartAsync();

        // The registered clients' own HttpClient, for raw requests: the chat client sends the token itself.
        Http = _client.Services.GetRequiredKeyedService<HttpClient>(OrleansGroqServiceCollectionExtensions.HttpClientKey);
        Http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await Cluster.DisposeAsync();
    }
}
