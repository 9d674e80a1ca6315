using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// Three gateway processes spend half of one account's tokens, then the process hosting the quota grain is killed and
/// more requests than the rest can serve go on through the survivors: while the grain is away, and after it is active
/// again on a survivor, nothing reaches Groq that its bucket cannot hold.
/// </summary>
public sealed class QuotaHostKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tpm = 3_000;
    private static readonly TestKey Key = new("k1", "org_kill", "gsk_test_quota_host_kill_1");

    private readonly List<SiloProcess> _silos = [];
    private EmulatorHost _emulator = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            // Every answer runs to max_tokens, so that Groq's bucket empties as fast as the gateway's.
            DefaultCompletionTokens = 1_000,
            Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = new ModelLimits { Tpm = Tpm } } }],
        });
        _database = await PostgresServer.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _database,
            ["Upstream__BaseUrl"] = new Uri(_emulator.BaseAddress, "openai/v1/").ToString(),
            ["Groq__Keys__0__Alias"] = Key.Alias,
            ["Groq__Keys__0__Account"] = Key.Account,
            ["Groq__Keys__0__Secret"] = Key.Secret,
            [$"Quota__Accounts__{Key.Account}__{ChatBodies.Model}__Tpm"] = Tpm.ToString(CultureInfo.InvariantCulture),
        };
        _silos.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SiloProcess.StartAsync(environment))));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _emulator.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Killing_the_quota_grains_silo_sends_groq_nothing_it_refuses()
    {
        foreach (var silo in _silos)
        {
            await UntilAsync(async () => (await MembersAsync(silo)).Count(m => m.Status == "Active") == 3, "every process sees three active silos");
        }

        var before = await BurstAsync(_silos, 9);
        var host = await QuotaGrainHostAsync();
        host.Kill();
        var survivors = _silos.Where(silo => silo != host).ToList();
        var whileAway = await BurstAsync(survivors, 24);
        foreach (var silo in survivors)
        {
            await UntilAsync(
                async () => (await MembersAsync(silo)).Any(m => m.Address.Contains($":{host.SiloPort}:", StringComparison.Ordinal) && m.Status == "Dead"),
                "the survivors declare the killed silo dead");
        }

        var afterwards = await BurstAsync(survivors, 24);
        var stats = _emulator.Control.GetStats().Totals;
        output.WriteLine($"served before the kill {before}, while the grain was away {whileAway}, once it was back {afterwards}; Groq saw {stats.Requests} requests.");

        Assert.Equal(9, before);
        Assert.Equal(0, stats.RateLimited);
    }

    // Requests of about 160 tokens each, through the silos in turn, none waiting for refill; returns how many were served.
    private static async Task<int> BurstAsync(IReadOnlyList<SiloProcess> silos, int count)
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "openai/v1/chat/completions")
            {
                Content = new StringContent(ChatBodies.Simple(maxTokens: 150), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-orleansgroq-max-wait-ms", "0");
            using var response = await silos[i % silos.Count].Http.SendAsync(request);
            Assert.True(
                response.StatusCode == HttpStatusCode.OK || (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter is not null),
                $"answered {(int)response.StatusCode}");
            return response.StatusCode;
        }));
        return statuses.Count(status => status == HttpStatusCode.OK);
    }

    private async Task<SiloProcess> QuotaGrainHostAsync()
    {
        using var json = JsonDocument.Parse(await _silos[0].Http.GetStringAsync("admin/runtime"));
        var address = json.RootElement.GetProperty("silos").EnumerateArray()
            .Single(s => s.GetProperty("activations").TryGetProperty("ModelQuotaGrain", out var count) && count.GetInt32() > 0)
            .GetProperty("address").GetString()!;
        return _silos.Single(silo => address.Contains($":{silo.SiloPort}:", StringComparison.Ordinal));
    }

    private static async Task<List<(string Address, string Status)>> MembersAsync(SiloProcess silo)
    {
        using var json = JsonDocument.Parse(await silo.Http.GetStringAsync("admin/cluster"));
        return [.. json.RootElement.GetProperty("silos").EnumerateArray()
            .Select(s => (s.GetProperty("address").GetString()!, s.GetProperty("status").GetString()!))];
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Not within 30 s: {what}.");
            await Task.Delay(50);
        }
    }
}
