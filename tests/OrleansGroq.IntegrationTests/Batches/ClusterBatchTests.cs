using System.Net;
using System.Text.Json;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Testing;
using static OrleansGroq.IntegrationTests.Batches.BatchCalls;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>
/// The Files and Batch API served by the cluster (<c>Batches:Mode = cluster</c>) on one gateway with PostgreSQL, the
/// emulator behind it as Groq's chat API only: every line runs through the gateway's chat pipeline, and the emulator
/// sees no file or batch at all.
/// </summary>
public sealed class ClusterBatchTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("c1", "org_cluster", "gsk_test_batches_cluster_1");
    private TestUpstream _upstream = null!;
    private string _database = null!;
    private HttpClient _alpha = null!;
    private HttpClient _beta = null!;
    private HttpClient _groq = null!;

    public async Task InitializeAsync()
    {
        var settings = ClusterSettings("alpha", "beta");
        _database = settings["ConnectionStrings:Postgres"] = await PostgresServer.CreateDatabaseAsync();
        _upstream = await TestUpstream.StartAsync([Key], settings);
        _alpha = ClientOf(_upstream.Gateway.BaseAddress, Token("alpha"));
        _beta = ClientOf(_upstream.Gateway.BaseAddress, Token("beta"));
        _groq = ClientOf(_upstream.Emulator.BaseAddress, Key.Secret);
    }

    public async Task DisposeAsync()
    {
        _alpha.Dispose();
        _beta.Dispose();
        _groq.Dispose();
        await _upstream.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task A_batch_runs_every_line_once_through_the_chat_pipeline_and_writes_groqs_output_file()
    {
        var (fileId, _) = await UploadIdAsync(_alpha, 12);
        var (batchId, _) = await CreateIdAsync(_alpha, fileId);

        var batch = await WaitFinishedAsync(_alpha, batchId);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var counts = batch.GetProperty("request_counts");
        Assert.Equal((12, 12, 0), (counts.GetProperty("total").GetInt32(), counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("error_file_id").ValueKind);
        var outputId = batch.GetProperty("output_file_id").GetString()!;
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"line-{i}").Order(StringComparer.Ordinal), await CustomIdsAsync(_alpha, outputId));
        var line = JsonDocument.Parse((await _alpha.GetStringAsync($"openai/v1/files/{outputId}/content")).Split('\n')[0]).RootElement;
        Assert.StartsWith("batch_req_", line.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, line.GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal("chat.completion", line.GetProperty("response").GetProperty("body").GetProperty("object").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        Assert.Equal("batch_output", (await GetJsonAsync(_alpha, $"openai/v1/files/{outputId}")).GetProperty("purpose").GetString());
        Assert.Equal([outputId, fileId], await ListIdsAsync(_alpha, "openai/v1/files"));
        Assert.Equal([batchId], await ListIdsAsync(_alpha, "openai/v1/batches"));

        // Groq saw twelve chat completions, and no file or batch: the cluster ran the batch.
        Assert.Equal(12, _upstream.Emulator.Control.GetStats().Totals.Requests);
        Assert.Empty(await ListIdsAsync(_groq, "openai/v1/files"));
        Assert.Empty(await ListIdsAsync(_groq, "openai/v1/batches"));
    }

    [Fact]
    public async Task A_line_the_pipeline_refuses_goes_to_the_error_file_and_a_bad_input_fails_the_batch()
    {
        var input = Jsonl(2) + """{"custom_id":"bad-model","method":"POST","url":"/v1/chat/completions","body":{"model":"no-such-model","messages":[{"role":"user","content":"x"}]}}""" + "\n";
        using var upload = await UploadAsync(_alpha, input);
        var (batchId, _) = await CreateIdAsync(_alpha, (await JsonAsync(upload)).GetProperty("id").GetString()!);
        var batch = await WaitFinishedAsync(_alpha, batchId);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal((2, 1), (batch.GetProperty("request_counts").GetProperty("completed").GetInt32(), batch.GetProperty("request_counts").GetProperty("failed").GetInt32()));
        var errorLine = JsonDocument.Parse(await _alpha.GetStringAsync($"openai/v1/files/{batch.GetProperty("error_file_id").GetString()}/content")).RootElement;
        Assert.Equal("bad-model", errorLine.GetProperty("custom_id").GetString());
        Assert.True(errorLine.GetProperty("response").GetProperty("status_code").GetInt32() is >= 400 and < 500);

        using var badUpload = await UploadAsync(_alpha, Jsonl(1) + "not json\n" + Jsonl(1));
        var (failedId, _) = await CreateIdAsync(_alpha, (await JsonAsync(badUpload)).GetProperty("id").GetString()!);
        var failed = await WaitFinishedAsync(_alpha, failedId);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        var codes = failed.GetProperty("errors").GetProperty("data").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("line").GetInt32())).ToList();
        Assert.Equal([("invalid_json_line", 2), ("duplicate_custom_id", 3)], codes);
    }

    [Fact]
    public async Task A_tenant_gets_404_for_another_tenants_files_and_batches_in_cluster_mode()
    {
        var (fileId, _) = await UploadIdAsync(_alpha, 2);
        var (batchId, _) = await CreateIdAsync(_alpha, fileId);
        var outputId = (await WaitFinishedAsync(_alpha, batchId)).GetProperty("output_file_id").GetString()!;

        foreach (var (method, path, code) in new[]
        {
            (HttpMethod.Get, $"openai/v1/files/{fileId}", "file_not_found"),
            (HttpMethod.Get, $"openai/v1/files/{outputId}/content", "file_not_found"),
            (HttpMethod.Delete, $"openai/v1/files/{fileId}", "file_not_found"),
            (HttpMethod.Get, $"openai/v1/batches/{batchId}", "batch_not_found"),
            (HttpMethod.Post, $"openai/v1/batches/{batchId}/cancel", "batch_not_found"),
            (HttpMethod.Get, $"v1/batches/{batchId}", "batch_not_found"),
        })
        {
            using var response = await _beta.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(code, (await response.ErrorAsync()).GetProperty("code").GetString());
        }

        using var overForeignFile = await CreateAsync(_beta, CreateBody(fileId));
        Assert.Equal("file_not_found", (await overForeignFile.ErrorAsync()).GetProperty("code").GetString());
        Assert.Empty(await ListIdsAsync(_beta, "openai/v1/files"));
        Assert.Empty(await ListIdsAsync(_beta, "openai/v1/batches"));

        // The owner still reads and deletes its file.
        using var deleted = await _alpha.DeleteAsync($"openai/v1/files/{fileId}");
        Assert.True((await JsonAsync(deleted)).GetProperty("deleted").GetBoolean());
        Assert.Equal([outputId], await ListIdsAsync(_alpha, "openai/v1/files"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_4xx_that_names_it()
    {
        var (fileId, _) = await UploadIdAsync(_alpha, 1);
        var cases = new (Func<Task<HttpResponseMessage>> Send, string? Param, string Code)[]
        {
            (() => UploadAsync(_alpha, Jsonl(1), purpose: "fine-tune"), "purpose", "invalid_value"),
            (() => UploadAsync(_alpha, ""), "file", "empty_file"),
            (() => CreateAsync(_alpha, "{not json"), null, "invalid_json"),
            (() => CreateAsync(_alpha, """{"endpoint":"/v1/chat/completions","completion_window":"24h"}"""), "input_file_id", "missing_required_parameter"),
            (() => CreateAsync(_alpha, $$"""{"input_file_id":"{{fileId}}","endpoint":"/v1/embeddings","completion_window":"24h"}"""), "endpoint", "invalid_value"),
            (() => CreateAsync(_alpha, CreateBody(fileId, window: "1h")), "completion_window", "invalid_value"),
            (() => CreateAsync(_alpha, CreateBody("file_01unknown")), "input_file_id", "file_not_found"),
            (() => _alpha.GetAsync("openai/v1/batches?limit=0"), "limit", "invalid_value"),
        };

        foreach (var (send, param, code) in cases)
        {
            using var response = await send();
            var error = await response.ErrorAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 for {code}, got {(int)response.StatusCode}: {error}");
            Assert.Equal(code, error.GetProperty("code").GetString());
            if (param is not null)
            {
                Assert.Equal(param, error.GetProperty("param").GetString());
            }
        }

        var (batchId, _) = await CreateIdAsync(_alpha, fileId);
        await WaitFinishedAsync(_alpha, batchId);
        using var cancel = await _alpha.PostAsync($"openai/v1/batches/{batchId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("batch_not_cancellable", (await cancel.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(0, _upstream.Emulator.Control.GetStats().Totals.Requests - 1);
    }
}
