using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OrleansGroq.IntegrationTests.Cluster.Processes.SiloProcessCluster;

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

    private SiloProcessCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await SiloProcessCluster.StartAsync(
            Key,
            new EmulatorOptions
            {
                // Every answer runs to max_tokens, so that Groq's bucket empties as fast as the gateway's.
                DefaultCompletionTokens = 1_000,
                Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = new ModelLimits { Tpm = Tpm } } }],
            },
            new Dictionary<string, string> { [$"Quota__Accounts__{Key.Account}__{ChatBodies.Model}__Tpm"] = Tpm.ToString(CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_the_quota_grains_silo_sends_groq_nothing_it_refuses()
    {
        var before = await BurstAsync(_cluster.Silos, 9);
        var host = await QuotaGrainHostAsync();
        host.Kill();
        var survivors = _cluster.Silos.Where(silo => silo != host).ToList();
        var whileAway = await BurstAsync(survivors, 24);
        foreach (var silo in survivors)
        {
            await Polling.UntilAsync(
                async () => (await MembersAsync(silo)).Any(m => m.Address.Contains($":{host.SiloPort}:", StringComparison.Ordinal) && m.Status == "Dead"),
                "the survivors declare the killed silo dead",
                SiloProcessCluster.Patience);
        }

        var afterwards = await BurstAsync(survivors, 24);
        var stats = _cluster.Emulator.Control.GetStats().Totals;
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

    private async Task<SiloProcess> QuotaGrainHostAsync() =>
        (await _cluster.ActivationsAsync("ModelQuotaGrain")).Single(host => host.Value > 0).Key;
}
