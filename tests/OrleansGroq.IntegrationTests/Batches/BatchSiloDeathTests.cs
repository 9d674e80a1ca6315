using System.Text.Json;
using Npgsql;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Cluster.Processes;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OrleansGroq.IntegrationTests.Batches.BatchCalls;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>
/// Three gateway processes in cluster mode on one database, the emulator at Groq's realistic pace behind them: the
/// process running a batch is killed (<c>kill -9</c>) midway, and the batch still completes with every
/// <c>custom_id</c> exactly once, brought back on a survivor by its reminder alone, and Groq saw each line once plus
/// only the lines that were in flight on the dead process.
/// </summary>
public sealed class BatchSiloDeathTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Lines = 300;
    private const int Parallelism = 4;
    private static readonly TestKey Key = new("k1", "org_batch_kill", "gsk_test_batch_silo_death_1");

    private SiloProcessCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await SiloProcessCluster.StartAsync(
            Key,
            new EmulatorOptions
            {
                TimeProfile = "realistic",
                Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited } }],
            },
            new Dictionary<string, string>
            {
                ["Batches__Mode"] = "cluster",
                ["Batches__Parallelism"] = Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Batches__ReminderPeriod"] = "00:00:02",
            });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_the_silo_running_a_batch_midway_still_answers_every_custom_id_exactly_once()
    {
        var entry = _cluster.Silos[0].Http;
        using var upload = await UploadAsync(entry, Jsonl(Lines));
        var fileId = (await JsonAsync(upload)).GetProperty("id").GetString()!;
        using var created = await CreateAsync(entry, CreateBody(fileId));
        var batchId = (await JsonAsync(created)).GetProperty("id").GetString()!;
        await Polling.UntilAsync(async () => await RecordedAsync(batchId) >= Lines / 5, "a fifth of the lines are done", SiloProcessCluster.Patience);

        var host = (await _cluster.ActivationsAsync("BatchGrain")).Single(h => h.Value > 0).Key;
        host.Kill();
        var recordedAtKill = await RecordedAsync(batchId);

        // No call reaches the batch until it is done: only its reminder can bring it back on a survivor.
        await Polling.UntilAsync(async () => await RecordedAsync(batchId) == Lines, "the reminder resumes the batch and every line is recorded", TimeSpan.FromSeconds(90));

        var survivor = _cluster.Silos.First(silo => silo != host).Http;
        var batch = await WaitAsync(survivor, batchId, b => b.GetProperty("status").GetString() == "completed");
        var counts = batch.GetProperty("request_counts");
        Assert.Equal((Lines, Lines, 0), (counts.GetProperty("total").GetInt32(), counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32()));
        var text = await survivor.GetStringAsync($"openai/v1/files/{batch.GetProperty("output_file_id").GetString()}/content");
        var ids = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()!).ToList();
        Assert.Equal(Lines, ids.Count);
        Assert.Equal(Enumerable.Range(1, Lines).Select(i => $"line-{i}").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));

        // Every line reached Groq once; a line in flight on the dead process, whose result was never recorded, once more.
        var requests = _cluster.Emulator.Control.GetStats().Totals.Requests;
        output.WriteLine($"{recordedAtKill} of {Lines} lines recorded at the kill; Groq saw {requests} requests, {requests - Lines} of them lines run again.");
        Assert.InRange(requests, Lines, Lines + Parallelism);
    }

    private async Task<long> RecordedAsync(string batchId)
    {
        await using var connection = new NpgsqlConnection(_cluster.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM batch_results WHERE batch_id = $1", connection) { Parameters = { new() { Value = batchId } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
