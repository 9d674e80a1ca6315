using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using EmulatorKey = OrleansGroq.Emulator.ApiKeyOptions;

namespace OrleansGroq.IntegrationTests.Keys;

/// <summary>One emulator and one fresh database, with gateway nodes that form one cluster on it, all configured with the same keys.</summary>
internal sealed class KeyCluster : IAsyncDisposable
{
    private readonly List<GatewayHost> _nodes = [];
    private readonly IReadOnlyList<TestKey> _gatewayKeys;

    private KeyCluster(EmulatorHost emulator, string database, IReadOnlyList<TestKey> gatewayKeys)
    {
        Emulator = emulator;
        Database = database;
        _gatewayKeys = gatewayKeys;
    }

    public EmulatorHost Emulator { get; }

    /// <summary>The connection string of the cluster's database.</summary>
    public string Database { get; }

    public IReadOnlyList<GatewayHost> Nodes => _nodes;

    /// <param name="upstreamKeys">The keys the emulator knows, one account per distinct <see cref="TestKey.Account"/>.</param>
    /// <param name="gatewayKeys">The keys every node is given, when they differ from the emulator's.</param>
    /// <param name="nodes">How many nodes to start now.</param>
    public static async Task<KeyCluster> StartAsync(IReadOnlyList<TestKey> upstreamKeys, IReadOnlyList<TestKey>? gatewayKeys = null, int nodes = 2)
    {
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts = upstreamKeys.GroupBy(k => k.Account).Select(account => new AccountOptions
            {
                Id = account.Key,
                Keys = account.Select(k => new EmulatorKey { Alias = k.Alias, Secret = k.Secret }).ToList(),
                Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited },
            }).ToList(),
        });
        var cluster = new KeyCluster(emulator, await PostgresServer.CreateDatabaseAsync(), gatewayKeys ?? upstreamKeys);
        for (var i = 0; i < nodes; i++)
        {
            await cluster.StartNodeAsync();
        }

        return cluster;
    }

    public async Task<GatewayHost> StartNodeAsync()
    {
        var node = await GatewayHost.StartAsync(
            new Uri(Emulator.BaseAddress, "openai/v1/"), _gatewayKeys, new Dictionary<string, string> { ["ConnectionStrings:Postgres"] = Database });
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops a node, which leaves the cluster.</summary>
    public async Task StopNodeAsync(GatewayHost node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>An affinity whose preferred key is <paramref name="alias"/>, found while every key is available.</summary>
    public static string SessionPreferring(GatewayHost node, string alias) =>
        Enumerable.Range(0, 10_000).Select(i => $"session-{i}").First(session => Pool(node).Select(session).Key?.Alias == alias);

    public static IApiKeyPool Pool(GatewayHost node) => node.Services.GetRequiredService<IApiKeyPool>();

    /// <summary>Sends a chat request to the emulator directly with <paramref name="key"/>, bypassing every node.</summary>
    public async Task<HttpResponseMessage> SendUpstreamAsync(TestKey key)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using var request = ChatBodies.Post(ChatBodies.Simple());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(Database);
    }
}
