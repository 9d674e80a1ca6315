using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.Benchmarks.Hosting;

namespace OrleansGroq.Benchmarks.Batches;

/// <summary>
/// The processes of one <c>batch</c> run: the emulator (Groq's pace, small account limits) and N silos on one
/// PostgreSQL, every one with the same <c>Batches:Mode</c>. Disposing it kills every process still running, also when
/// the start failed halfway.
/// </summary>
internal sealed class BatchCluster : IAsyncDisposable
{
    private const int Accounts = 2;
    private static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ServiceProcess> _silos = [];
    private readonly List<int> _siloPorts = [];
    private readonly bool[] _killed;
    private ServiceProcess? _emulator;

    private BatchCluster(int silos) => _killed = new bool[silos];

    public ServiceProcess Emulator => _emulator!;

    public IReadOnlyList<ServiceProcess> Silos => _silos;

    public static async Task<BatchCluster> StartAsync(BatchBenchOptions options, string database)
    {
        var cluster = new BatchCluster(options.Silos);
        try
        {
            var models = new[] { BatchBenchOptions.InteractiveModel, options.BatchModel }.Distinct().ToList();
            cluster._emulator = await BenchmarkServices.StartEmulatorAsync(EmulatorConfig(options, models));
            for (var i = 0; i < options.Silos; i++)
            {
                cluster._siloPorts.Add(ServiceProcess.FreePort());
                cluster._silos.Add(await BenchmarkServices.StartGatewayAsync(cluster._emulator, GatewaySettings(options, models, database, cluster._siloPorts[i])));
            }

            await cluster.WaitForMembershipAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The index of the silo that <c>GET /admin/runtime</c> (asked of a live silo) shows with activations of
    /// <paramref name="grainType"/>, the most of them if several; null when none has any.
    /// </summary>
    public async Task<int?> FindHostAsync(string grainType)
    {
        var live = Enumerable.Range(0, _silos.Count).First(i => !_killed[i]);
        using var http = new HttpClient { BaseAddress = _silos[live].BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var runtime = await http.GetFromJsonAsync<JsonElement>("admin/runtime");
        var host = runtime.GetProperty("silos").EnumerateArray()
            .Select(s => (Address: s.GetProperty("address").GetString()!, Grains: s.GetProperty("activations").TryGetProperty(grainType, out var n) ? n.GetInt32() : 0))
            .Where(s => s.Grains > 0)
            .OrderByDescending(s => s.Grains)
            .FirstOrDefault();
        return host.Address is null
            ? null
            : Enumerable.Range(0, _siloPorts.Count).Cast<int?>().FirstOrDefault(i => host.Address.Contains($":{_siloPorts[i!.Value].ToString(CultureInfo.InvariantCulture)}:", StringComparison.Ordinal));
    }

    /// <summary>Kills a silo's process as <c>kill -9</c> does: no shutdown runs, its membership row stays until others vote it dead.</summary>
    public async Task KillAsync(int silo)
    {
        _killed[silo] = true;
        await _silos[silo].KillAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private async Task WaitForMembershipAsync()
    {
        var deadline = DateTime.UtcNow + MembershipTimeout;
        foreach (var silo in _silos)
        {
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            while (await ActiveSilosAsync(http) < _silos.Count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The {_silos.Count} silos did not all see each other as Active within {MembershipTimeout.TotalSeconds:0} s.");
                }

                await Task.Delay(200);
            }
        }
    }

    private static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        var cluster = await http.GetFromJsonAsync<JsonElement>("admin/cluster");
        return cluster.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active");
    }

    // Answers of 32 tokens at Groq's pace; limits on both accounts so that the cluster's quota grains have work to share.
    private static string EmulatorConfig(BatchBenchOptions options, IReadOnlyList<string> models) => JsonSerializer.Serialize(new
    {
        time_profile = "realistic",
        default_completion_tokens = 32,
        accounts = Enumerable.Range(0, Accounts).Select(a => new
        {
            id = $"org_{a}",
            keys = new[] { new { alias = $"k{a}a", secret = Secret(a, "a") }, new { alias = $"k{a}b", secret = Secret(a, "b") } },
            limits = models.ToDictionary(m => m, _ => (object)new { rpm = options.Rpm, rpd = 10_000_000, tpm = options.Tpm, tpd = 1_000_000_000 }),
        }),
    });

    private static Dictionary<string, string> GatewaySettings(BatchBenchOptions options, IReadOnlyList<string> models, string database, int siloPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Batches__Mode"] = options.Mode,
        };
        var index = 0;
        for (var a = 0; a < Accounts; a++)
        {
            foreach (var suffix in new[] { "a", "b" })
            {
                settings[$"Groq__Keys__{index}__Alias"] = $"k{a}{suffix}";
                settings[$"Groq__Keys__{index}__Account"] = $"org_{a}";
                settings[$"Groq__Keys__{index}__Secret"] = Secret(a, suffix);
                index++;
            }

            foreach (var model in models)
            {
                settings[$"Quota__Accounts__org_{a}__{model}__Rpm"] = options.Rpm.ToString(CultureInfo.InvariantCulture);
                settings[$"Quota__Accounts__org_{a}__{model}__Tpm"] = options.Tpm.ToString(CultureInfo.InvariantCulture);
            }
        }

        return settings;
    }

    private static string Secret(int account, string suffix) => $"gsk_batch_bench_{account}_{suffix}";
}
