using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OrleansGroq.IntegrationTests.Cluster.Processes.SiloProcessCluster;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// Three gateway processes started with one connection string and ports of their own form one cluster; when one is
/// killed, the others declare it dead and go on serving, its grains active again on them.
/// </summary>
public sealed class SiloProcessClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TestKey Key = new("k1", "org_1", "gsk_test_silo_processes_1");

    private SiloProcessCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await SiloProcessCluster.StartAsync(Key, new EmulatorOptions
        {
            Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited } }],
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Three_processes_on_one_database_form_one_cluster_that_outlives_a_killed_member()
    {
        var id = await CreateConversationAsync(_cluster.Silos[0]);
        using (var first = await SayAsync(_cluster.Silos[1], id, "one"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var killed = _cluster.Silos[0];
        killed.Kill();
        var clock = Stopwatch.StartNew();
        var survivors = _cluster.Silos.Skip(1).ToList();
        foreach (var silo in survivors)
        {
            await Polling.UntilAsync(
                async () => (await MembersAsync(silo)).Any(m => m.Address.Contains($":{killed.SiloPort}:", StringComparison.Ordinal) && m.Status == "Dead"),
                "the survivors declare the killed silo dead",
                SiloProcessCluster.Patience);
        }

        var declaredDead = clock.Elapsed;
        using var second = await SayAsync(survivors[1], id, "two");
        output.WriteLine($"killed silo declared dead by both survivors {declaredDead.TotalMilliseconds:F0} ms after the kill; next turn answered {clock.Elapsed.TotalMilliseconds:F0} ms after it.");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var conversation = JsonDocument.Parse(await survivors[0].Http.GetStringAsync($"v1/conversations/{id}"));
        Assert.Equal(2, conversation.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(2, (await MembersAsync(survivors[0])).Count(m => m.Status == "Active"));
    }

    private static async Task<string> CreateConversationAsync(SiloProcess silo)
    {
        using var response = await silo.Http.PostAsync("v1/conversations", JsonContent("""{"model":"speed"}"""));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> SayAsync(SiloProcess silo, string id, string content) =>
        silo.Http.PostAsync($"v1/conversations/{id}/messages", JsonContent(JsonSerializer.Serialize(new { content })));

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
