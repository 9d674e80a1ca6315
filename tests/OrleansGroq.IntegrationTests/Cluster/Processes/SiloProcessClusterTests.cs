using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Cluster.Processes;

/// <summary>
/// Three gateway processes started with one connection string and ports of their own form one cluster; when one is
/// killed, the others declare it dead and go on serving, its grains active again on them.
/// </summary>
public sealed class SiloProcessClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TestKey Key = new("k1", "org_1", "gsk_test_silo_processes_1");

    private readonly List<SiloProcess> _silos = [];
    private EmulatorHost _emulator = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited } }],
        });
        _database = await PostgresServer.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _database,
            ["Upstream__BaseUrl"] = new Uri(_emulator.BaseAddress, "openai/v1/").ToString(),
            ["Groq__Keys__0__Alias"] = Key.Alias,
            ["Groq__Keys__0__Account"] = Key.Account,
            ["Groq__Keys__0__Secret"] = Key.Secret,
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
    public async Task Three_processes_on_one_database_form_one_cluster_that_outlives_a_killed_member()
    {
        foreach (var silo in _silos)
        {
            await UntilAsync(async () => (await MembersAsync(silo)).Count(m => m.Status == "Active") == 3, "every process sees three active silos");
        }

        var id = await CreateConversationAsync(_silos[0]);
        using (var first = await SayAsync(_silos[1], id, "one"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var killed = _silos[0];
        killed.Kill();
        var clock = Stopwatch.StartNew();
        var survivors = _silos.Skip(1).ToList();
        foreach (var silo in survivors)
        {
            await UntilAsync(
                async () => (await MembersAsync(silo)).Any(m => m.Address.Contains($":{killed.SiloPort}:", StringComparison.Ordinal) && m.Status == "Dead"),
                "the survivors declare the killed silo dead");
        }

        var declaredDead = clock.Elapsed;
        using var second = await SayAsync(survivors[1], id, "two");
        output.WriteLine($"killed silo declared dead by both survivors {declaredDead.TotalMilliseconds:F0} ms after the kill; next turn answered {clock.Elapsed.TotalMilliseconds:F0} ms after it.");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var conversation = JsonDocument.Parse(await survivors[0].Http.GetStringAsync($"v1/conversations/{id}"));
        Assert.Equal(2, conversation.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(2, (await MembersAsync(survivors[0])).Count(m => m.Status == "Active"));
    }

    private static async Task<List<(string Address, string Status)>> MembersAsync(SiloProcess silo)
    {
        using var json = JsonDocument.Parse(await silo.Http.GetStringAsync("admin/cluster"));
        return [.. json.RootElement.GetProperty("silos").EnumerateArray()
            .Select(s => (s.GetProperty("address").GetString()!, s.GetProperty("status").GetString()!))];
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
