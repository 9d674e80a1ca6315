using System.Diagnostics;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// Gateway processes on one fresh database in front of one emulator serving one key: the cluster a process test
/// starts, with what those tests ask of it (members, the silo hosting a grain type, waiting for a condition).
/// </summary>
internal sealed class SiloProcessCluster : IAsyncDisposable
{
    private SiloProcessCluster(EmulatorHost emulator, string database, IReadOnlyList<SiloProcess> silos) =>
        (Emulator, Database, Silos) = (emulator, database, silos);

    /// <summary>How long a process test waits for the cluster to notice a start or a death.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    public EmulatorHost Emulator { get; }

    public string Database { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    /// <summary>Starts <paramref name="size"/> processes with the key and any further settings, and waits until each sees all as active.</summary>
    public static async Task<SiloProcessCluster> StartAsync(
        TestKey key, EmulatorOptions emulatorOptions, IReadOnlyDictionary<string, string>? settings = null, int size = 3)
    {
        var emulator = await EmulatorHost.StartAsync(emulatorOptions);
        var database = await PostgresServer.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Upstream__BaseUrl"] = new Uri(emulator.BaseAddress, "openai/v1/").ToString(),
            ["Groq__Keys__0__Alias"] = key.Alias,
            ["Groq__Keys__0__Account"] = key.Account,
            ["Groq__Keys__0__Secret"] = key.Secret,

            // The start-up check's GET /models would count in the emulator's figures the tests assert on.
            ["Upstream__CheckKeysAtStart"] = "false",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var cluster = new SiloProcessCluster(emulator, database, await SiloProcess.StartManyAsync(size, environment));
        foreach (var silo in cluster.Silos)
        {
            await Polling.UntilAsync(async () => (await MembersAsync(silo)).Count(m => m.Status == "Active") == size, "every process sees every silo active", Patience);
        }

        return cluster;
    }

    /// <summary>The cluster's members as <paramref name="silo"/>'s <c>/admin/cluster</c> lists them.</summary>
    public static async Task<List<(string Address, string Status)>> MembersAsync(SiloProcess silo)
    {
        using var json = JsonDocument.Parse(await silo.Http.GetStringAsync("admin/cluster"));
        return [.. json.RootElement.GetProperty("silos").EnumerateArray()
            .Select(s => (s.GetProperty("address").GetString()!, s.GetProperty("status").GetString()!))];
    }

    /// <summary>How many activations of <paramref name="grainType"/> each process holds, by <c>/admin/runtime</c>.</summary>
    public async Task<Dictionary<SiloProcess, int>> ActivationsAsync(string grainType)
    {
        using var json = JsonDocument.Parse(await Silos[0].Http.GetStringAsync("admin/runtime"));
        var silos = json.RootElement.GetProperty("silos").EnumerateArray().ToList();
        return Silos.ToDictionary(
            silo => silo,
            silo => silos
                .Where(s => s.GetProperty("address").GetString()!.Contains($":{silo.SiloPort}:", StringComparison.Ordinal))
                .Sum(s => s.GetProperty("activations").TryGetProperty(grainType, out var count) ? count.GetInt32() : 0));
    }


    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(Database);
    }
}
