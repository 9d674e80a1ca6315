using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using static OrleansGroq.IntegrationTests.Batches.BatchCalls;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>
/// Cancelling a batch in cluster mode, the emulator at a realistic pace on a fake clock so that the batch stays in
/// progress until the test moves the clock: lines not yet started never run, what ran is kept.
/// </summary>
public sealed class ClusterBatchCancelTests : IAsyncLifetime
{
    private const int Lines = 40;
    private static readonly TestKey Key = new("c1", "org_cluster_cancel", "gsk_test_batches_cluster_cancel_1");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestUpstream _upstream = null!;
    private string _database = null!;
    private HttpClient _alpha = null!;

    public async Task InitializeAsync()
    {
        var settings = ClusterSettings("alpha", "beta");
        settings["Batches:Parallelism"] = "2";
        _database = settings["ConnectionStrings:Postgres"] = await PostgresServer.CreateDatabaseAsync();
        _upstream = await TestUpstream.StartAsync([Key], settings, emulatorTime: _clock, emulatorTimeProfile: "realistic");
        _alpha = ClientOf(_upstream.Gateway.BaseAddress, Token("alpha"));
    }

    public async Task DisposeAsync()
    {
        _alpha.Dispose();
        await _upstream.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_cancel_stops_the_lines_not_yet_started_and_keeps_what_ran_once_each()
    {
        var (fileId, _) = await UploadIdAsync(_alpha, Lines);
        var (batchId, _) = await CreateIdAsync(_alpha, fileId);
        await WaitAsync(_alpha, batchId, b => b.GetProperty("status").GetString() == "in_progress");

        using var cancel = await _alpha.PostAsync($"openai/v1/batches/{batchId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelling = await JsonAsync(cancel);
        Assert.Equal("cancelling", cancelling.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, cancelling.GetProperty("cancelling_at").ValueKind);
        using (var beta = ClientOf(_upstream.Gateway.BaseAddress, Token("beta")))
        using (var foreign = await beta.PostAsync($"openai/v1/batches/{batchId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        var batch = await WaitFinishedAsync(_alpha, batchId, between: () => _clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        var completed = batch.GetProperty("request_counts").GetProperty("completed").GetInt32();
        Assert.InRange(completed, 0, Lines - 1);
        var ran = completed == 0 ? [] : await CustomIdsAsync(_alpha, batch.GetProperty("output_file_id").GetString()!);
        Assert.Equal(completed, ran.Length);
        Assert.Equal(ran.Length, ran.Distinct().Count());

        // Only the lines that ran reached Groq: a cancel sends nothing more.
        Assert.Equal(completed, _upstream.Emulator.Control.GetStats().Totals.Requests);
        using var again = await _alpha.PostAsync($"openai/v1/batches/{batchId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
