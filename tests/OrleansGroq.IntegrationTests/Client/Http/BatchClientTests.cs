using System.Text;
using OrleansGroq.Client;
using OrleansGroq.IntegrationTests.Batches;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary><see cref="OrleansGroqBatchClient"/> against a gateway in pass-through mode, the emulator behind it.</summary>
public sealed class BatchClientTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("batch-client-a", "org_batch_client", "gsk_test_batch_client_key");
    private TestUpstream _upstream = null!;
    private OrleansGroqBatchClient _batches = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([Key]);
        _batches = new OrleansGroqBatchClient(new OrleansGroqClientOptions { Endpoint = _upstream.Gateway.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        _batches.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Uploads_runs_waits_for_and_reads_a_batch()
    {
        using var jsonl = new MemoryStream(Encoding.UTF8.GetBytes(BatchCalls.Jsonl(3)));

        var fileId = await _batches.UploadAsync(jsonl);
        var created = await _batches.CreateAsync(fileId);
        var finished = await _batches.WaitAsync(created.Id, TimeSpan.FromMilliseconds(20));
        var lines = await _batches.ReadLinesAsync(finished.OutputFileId!).ToListAsync();

        Assert.Equal(fileId, created.InputFileId);
        Assert.Equal(("completed", 3, 3, 0), (finished.Status, finished.Total, finished.Completed, finished.Failed));
        Assert.Equal(["line-1", "line-2", "line-3"], lines.Select(l => l.GetProperty("custom_id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(200, l.GetProperty("response").GetProperty("status_code").GetInt32()));
        var refused = await Assert.ThrowsAsync<OrleansGroqException>(() => _batches.CancelAsync(created.Id));
        Assert.Equal((409, "batch_not_cancellable"), (refused.StatusCode, refused.Code));
        var missing = await Assert.ThrowsAsync<OrleansGroqException>(() => _batches.GetAsync("batch_01unknown"));
        Assert.Equal((404, "batch_not_found"), (missing.StatusCode, missing.Code));
    }
}
