using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using static OrleansGroq.IntegrationTests.Batches.BatchCalls;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>
/// Two gateway nodes sharing one PostgreSQL database, the emulator behind them at a realistic pace on a fake clock, so
/// a batch stays in progress until the test moves the clock: who owns a file or batch is the cluster's, not a node's.
/// The keys are in two organizations, so a call made with a key of the wrong one would find nothing at Groq.
/// </summary>
public sealed class TwoNodeBatchTests : IAsyncLifetime
{
    private static readonly TestKey KeyA = new("a1", "org_a", "gsk_test_batches_two_nodes_a");
    private static readonly TestKey KeyB = new("b1", "org_b", "gsk_test_batches_two_nodes_b");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestUpstream _upstream = null!;
    private GatewayHost _second = null!;
    private HttpClient _onFirst = null!;
    private HttpClient _onSecond = null!;

    public async Task InitializeAsync()
    {
        var settings = Tenants("alpha", "beta");
        settings["ConnectionStrings:Postgres"] = await PostgresServer.CreateDatabaseAsync();
        _upstream = await TestUpstream.StartAsync([KeyA, KeyB], settings, emulatorTime: _clock, emulatorTimeProfile: "realistic");
        _second = await GatewayHost.StartAsync(new Uri(_upstream.Emulator.BaseAddress, "openai/v1/"), [KeyA, KeyB], settings);
        _onFirst = ClientOf(_upstream.Gateway.BaseAddress, Token("alpha"));
        _onSecond = ClientOf(_second.BaseAddress, Token("alpha"));
    }

    public async Task DisposeAsync()
    {
        _onFirst.Dispose();
        _onSecond.Dispose();
        await _second.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_file_uploaded_on_one_node_runs_as_a_batch_created_on_the_other_and_its_output_is_read_on_either()
    {
        var (fileId, uploadKey) = await UploadIdAsync(_onFirst, 4);
        var (batchId, createKey) = await CreateIdAsync(_onSecond, fileId);

        var batch = await WaitFinishedAsync(_onFirst, batchId, between: () => _clock.Advance(TimeSpan.FromSeconds(1)));

        Assert.Equal(uploadKey, createKey);
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var outputId = batch.GetProperty("output_file_id").GetString()!;
        Assert.Equal(["line-1", "line-2", "line-3", "line-4"], await CustomIdsAsync(_onSecond, outputId));
        Assert.Equal([batchId], await ListIdsAsync(_onSecond, "openai/v1/batches"));
        Assert.Equal([outputId, fileId], await ListIdsAsync(_onSecond, "openai/v1/files"));
    }

    [Fact]
    public async Task A_batch_created_on_one_node_is_cancelled_on_the_other_and_stays_another_tenants_404_on_both()
    {
        var (fileId, _) = await UploadIdAsync(_onFirst, 40);
        var (batchId, _) = await CreateIdAsync(_onFirst, fileId);
        await WaitAsync(_onSecond, batchId, b => b.GetProperty("status").GetString() == "in_progress");

        using var cancel = await _onSecond.PostAsync($"openai/v1/batches/{batchId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelling", (await JsonAsync(cancel)).GetProperty("status").GetString());
        var batch = await WaitFinishedAsync(_onFirst, batchId, between: () => _clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        foreach (var node in new[] { _upstream.Gateway, _second })
        {
            using var beta = ClientOf(node.BaseAddress, Token("beta"));
            using var read = await beta.GetAsync($"openai/v1/batches/{batchId}");
            using var cancelAgain = await beta.PostAsync($"openai/v1/batches/{batchId}/cancel", null);
            using var file = await beta.GetAsync($"openai/v1/files/{fileId}/content");
            Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [read.StatusCode, cancelAgain.StatusCode, file.StatusCode]);
        }
    }
}
