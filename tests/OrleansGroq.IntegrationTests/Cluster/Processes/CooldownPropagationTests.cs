using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using OrleansGroq.Testing.Cooldowns;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// Three gateway processes in one cluster: a cooldown one of them learns from Groq's answer shows in every one's
/// <c>GET /admin/keys</c>, and still does once the process holding the key grains is killed. How fast is the
/// <c>cooldowns</c> benchmark's to measure; this prints what it saw. A tap between the processes and the emulator notes
/// when the process learned it.
/// </summary>
public sealed class CooldownPropagationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Samples = 6;

    // Each sample spends a key for the day.
    private const int Keys = 2 * Samples;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly List<SiloProcess> _silos = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private EmulatorHost _emulator = null!;
    private UpstreamTap _tap = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts = [.. CooldownPropagation.Keys(Keys).Select(key => new AccountOptions
            {
                Id = key.Account,
                Keys = [new ApiKeyOptions { Alias = key.Alias, Secret = key.Secret }],
                Limits = new() { [ChatBodies.Model] = new ModelLimits { Rpd = 1 } },
            })],
        });
        _tap = await UpstreamTap.StartAsync(_emulator.BaseAddress, _clock);
        _database = await PostgresServer.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>(CooldownPropagation.GatewaySettings(Keys))
        {
            ["ConnectionStrings__Postgres"] = _database,
            ["Upstream__BaseUrl"] = new Uri(_tap.BaseAddress, "openai/v1/").ToString(),
            ["Upstream__CheckKeysAtStart"] = "false",

            // Longer than the test, so that what each process shows was pushed to it, not caught up by a renewal.
            ["Groq__KeySubscriptionRenewal"] = "00:04:00",
        };
        _silos.AddRange(await SiloProcess.StartManyAsync(3, environment));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _tap.DisposeAsync();
        await _emulator.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_cooldown_one_process_learns_from_groq_shows_on_every_process()
    {
        var clients = _silos.Select(silo => silo.Http).ToList();
        foreach (var silo in clients)
        {
            await Polling.UntilAsync(async () => await ActiveSilosAsync(silo) == 3, "every process sees three active silos");
        }

        var samples = await MeasureAsync(clients);

        AssertEveryProcessSawItsCooldown(samples);
    }

    [Fact]
    public async Task A_cooldown_learned_after_the_process_holding_the_key_grains_is_killed_shows_on_every_survivor()
    {
        foreach (var silo in _silos)
        {
            await Polling.UntilAsync(async () => await ActiveSilosAsync(silo.Http) == 3, "every process sees three active silos");
        }

        var runtime = await _silos[0].Http.GetFromJsonAsync<JsonElement>("admin/runtime");
        var (killed, keyGrains) = _silos
            .Select(silo => (Silo: silo, KeyGrains: runtime.GetProperty("silos").EnumerateArray()
                .Where(s => s.GetProperty("address").GetString()!.Contains($":{silo.SiloPort}:", StringComparison.Ordinal))
                .Sum(s => s.GetProperty("activations").TryGetProperty("ApiKeyGrain", out var count) ? count.GetInt32() : 0)))
            .MaxBy(host => host.KeyGrains);
        var survivors = _silos.Where(silo => silo != killed).ToList();
        killed.Kill();
        foreach (var silo in survivors)
        {
            await Polling.UntilAsync(async () => await StatusOfAsync(silo.Http, killed.SiloPort) == "Dead", "the survivors declare the killed process dead");
        }

        var samples = await MeasureAsync([.. survivors.Select(silo => silo.Http)]);

        Assert.True(keyGrains > 0, "The killed process held no key grain.");
        AssertEveryProcessSawItsCooldown(samples);
    }

    private async Task<List<CooldownSample>> MeasureAsync(IReadOnlyList<HttpClient> clients)
    {
        var samples = new List<CooldownSample>();
        for (var i = 0; i < Samples; i++)
        {
            samples.Add(await CooldownPropagation.MeasureAsync(clients, via: i % clients.Count, ChatBodies.Model, _clock, _tap, Timeout));
        }

        foreach (var sample in samples)
        {
            output.WriteLine(!sample.SeenEverywhere ? $"not seen everywhere: {sample}" : string.Create(CultureInfo.InvariantCulture,
                $"{sample.ServedBy}: learned {(sample.Learned - sample.Sent)?.TotalMilliseconds:F1} ms and answered {(sample.Answered - sample.Sent).TotalMilliseconds:F1} ms after the request; on every process {sample.EverySilo.TotalMilliseconds:F1} ms after it was learned, {sample.FirstToLast.TotalMilliseconds:F1} ms from the first process to the last"));
        }

        return samples;
    }

    private static void AssertEveryProcessSawItsCooldown(List<CooldownSample> samples)
    {
        Assert.All(samples, sample =>
        {
            Assert.Equal((int)HttpStatusCode.OK, sample.StatusCode);
            Assert.NotNull(sample.ServedBy);
            Assert.NotNull(sample.Learned);
            Assert.True(sample.SeenEverywhere, sample.ToString());
        });
        Assert.Equal(Samples, samples.Select(sample => sample.ServedBy).Distinct().Count());
    }

    private static async Task<string?> StatusOfAsync(HttpClient silo, int port)
    {
        using var json = JsonDocument.Parse(await silo.GetStringAsync("admin/cluster"));
        return json.RootElement.GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("address").GetString()!.Contains($":{port}:", StringComparison.Ordinal))
            .Select(s => s.GetProperty("status").GetString())
            .LastOrDefault();
    }

    private static async Task<int> ActiveSilosAsync(HttpClient silo)
    {
        using var json = JsonDocument.Parse(await silo.GetStringAsync("admin/cluster"));
        return json.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active");
    }
}
