using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.Batches.BatchCalls;

namespace OrleansGroq.IntegrationTests.Batches;

/// <summary>
/// The Files and Batch API through one gateway in pass-through mode (<c>Batches:Mode = groq</c>), the emulator
/// behind it. Both tenants' objects land in the one Groq organization there is, whose own lists show them all: the
/// gateway must keep each tenant to its own.
/// </summary>
public sealed class PassThroughBatchTests : IAsyncLifetime
{
    private static readonly TestKey KeyA1 = new("a1", "org_a", "gsk_test_batches_account_a_1");
    private static readonly TestKey KeyA2 = new("a2", "org_a", "gsk_test_batches_account_a_2");
    private TestUpstream _upstream = null!;
    private HttpClient _alpha = null!;
    private HttpClient _beta = null!;
    private HttpClient _groq = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync([KeyA1, KeyA2], Tenants("alpha", "beta"));
        _alpha = ClientOf(_upstream.Gateway.BaseAddress, Token("alpha"));
        _beta = ClientOf(_upstream.Gateway.BaseAddress, Token("beta"));
        _groq = ClientOf(_upstream.Emulator.BaseAddress, KeyA1.Secret);
    }

    public async Task DisposeAsync()
    {
        _alpha.Dispose();
        _beta.Dispose();
        _groq.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_runs_end_to_end_through_the_gateway_with_the_key_that_holds_its_input()
    {
        var (fileId, uploadKey) = await UploadIdAsync(_alpha, 3);
        var (batchId, createKey) = await CreateIdAsync(_alpha, fileId);
        var batch = await WaitFinishedAsync(_alpha, batchId);

        Assert.Equal(uploadKey, createKey);
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var counts = batch.GetProperty("request_counts");
        Assert.Equal((3, 3, 0), (counts.GetProperty("total").GetInt32(), counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32()));
        var outputId = batch.GetProperty("output_file_id").GetString()!;
        Assert.Equal(["line-1", "line-2", "line-3"], await CustomIdsAsync(_alpha, outputId));
        Assert.Equal("batch_output", (await GetJsonAsync(_alpha, $"openai/v1/files/{outputId}")).GetProperty("purpose").GetString());
        Assert.Equal([outputId, fileId], await ListIdsAsync(_alpha, "openai/v1/files"));
        Assert.Equal([batchId], await ListIdsAsync(_alpha, "openai/v1/batches"));

        // A batch's output is no batch input: refused here, without asking Groq.
        using var fromOutput = await CreateAsync(_alpha, CreateBody(outputId));
        Assert.Equal(HttpStatusCode.BadRequest, fromOutput.StatusCode);
        Assert.Equal("invalid_file_purpose", (await fromOutput.ErrorAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_tenant_gets_404_for_another_tenants_files_and_batches_and_lists_only_its_own()
    {
        var (fileId, _) = await UploadIdAsync(_alpha, 2);
        var (batchId, _) = await CreateIdAsync(_alpha, fileId);
        var (betaFileId, _) = await UploadIdAsync(_beta, 1);

        foreach (var (method, path, id, code) in new[]
        {
            (HttpMethod.Get, $"openai/v1/files/{fileId}", fileId, "file_not_found"),
            (HttpMethod.Get, $"openai/v1/files/{fileId}/content", fileId, "file_not_found"),
            (HttpMethod.Delete, $"openai/v1/files/{fileId}", fileId, "file_not_found"),
            (HttpMethod.Get, $"openai/v1/batches/{batchId}", batchId, "batch_not_found"),
            (HttpMethod.Post, $"openai/v1/batches/{batchId}/cancel", batchId, "batch_not_found"),
            (HttpMethod.Get, $"v1/batches/{batchId}", batchId, "batch_not_found"),
        })
        {
            using var response = await _beta.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var error = await response.ErrorAsync();
            Assert.Equal(("invalid_request_error", code), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
            Assert.Contains(id, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var overForeignFile = await CreateAsync(_beta, CreateBody(fileId));
        Assert.Equal(HttpStatusCode.BadRequest, overForeignFile.StatusCode);
        Assert.Equal("file_not_found", (await overForeignFile.ErrorAsync()).GetProperty("code").GetString());

        // Groq's organization holds both tenants' files; each tenant sees its own only.
        Assert.Equal([betaFileId, fileId], await ListIdsAsync(_groq, "openai/v1/files?purpose=batch"));
        Assert.Equal([betaFileId], await ListIdsAsync(_beta, "openai/v1/files"));
        Assert.Empty(await ListIdsAsync(_beta, "openai/v1/batches"));
        Assert.Equal([fileId], await ListIdsAsync(_alpha, "openai/v1/files?purpose=batch"));
        Assert.Equal(batchId, (await GetJsonAsync(_alpha, $"openai/v1/batches/{batchId}")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_4xx_that_names_it_and_nothing_reaches_Groq()
    {
        var cases = new (Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string? Param, string Code)[]
        {
            (() => UploadAsync(_alpha, Jsonl(1), purpose: "fine-tune"), HttpStatusCode.BadRequest, "purpose", "invalid_value"),
            (() => UploadAsync(_alpha, ""), HttpStatusCode.BadRequest, "file", "empty_file"),
            (() => _alpha.PostAsync("openai/v1/files", new MultipartFormDataContent { { new StringContent("batch"), "purpose" } }), HttpStatusCode.BadRequest, "file", "missing_required_parameter"),
            (() => _alpha.PostAsync("openai/v1/files", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType, null, "unsupported_media_type"),
            (() => CreateAsync(_alpha, "{not json"), HttpStatusCode.BadRequest, null, "invalid_json"),
            (() => CreateAsync(_alpha, """{"endpoint":"/v1/chat/completions","completion_window":"24h"}"""), HttpStatusCode.BadRequest, "input_file_id", "missing_required_parameter"),
            (() => CreateAsync(_alpha, """{"input_file_id":7,"endpoint":"/v1/chat/completions","completion_window":"24h"}"""), HttpStatusCode.BadRequest, "input_file_id", "invalid_type"),
            (() => CreateAsync(_alpha, """{"input_file_id":"file_x","completion_window":"24h"}"""), HttpStatusCode.BadRequest, "endpoint", "missing_required_parameter"),
            (() => CreateAsync(_alpha, """{"input_file_id":"file_x","endpoint":"/v1/chat/completions"}"""), HttpStatusCode.BadRequest, "completion_window", "missing_required_parameter"),
            (() => CreateAsync(_alpha, CreateBody("file_01unknown")), HttpStatusCode.BadRequest, "input_file_id", "file_not_found"),
            (() => _alpha.GetAsync("openai/v1/batches?limit=0"), HttpStatusCode.BadRequest, "limit", "invalid_value"),
            (() => _alpha.GetAsync($"openai/v1/files/{new string('x', 300)}"), HttpStatusCode.NotFound, "file_id", "file_not_found"),
        };

        foreach (var (send, status, param, code) in cases)
        {
            using var response = await send();
            var error = await response.ErrorAsync();
            Assert.True(status == response.StatusCode, $"expected {status} for {code}, got {(int)response.StatusCode}: {error}");
            Assert.Equal(code, error.GetProperty("code").GetString());
            if (param is not null)
            {
                Assert.Equal(param, error.GetProperty("param").GetString());
            }
        }

        Assert.Empty(await ListIdsAsync(_groq, "openai/v1/files"));
        Assert.Empty(await ListIdsAsync(_groq, "openai/v1/batches"));
    }

    [Fact]
    public async Task Groqs_own_4xx_answers_are_relayed_as_Groq_sent_them()
    {
        var (fileId, _) = await UploadIdAsync(_alpha, 1);
        using var direct = await CreateAsync(_groq, CreateBody(fileId, window: "1h"));
        using var relayed = await CreateAsync(_alpha, CreateBody(fileId, window: "1h"));

        Assert.Equal(HttpStatusCode.BadRequest, relayed.StatusCode);
        Assert.Equal(await direct.Content.ReadAsStringAsync(), await relayed.Content.ReadAsStringAsync());

        var (batchId, _) = await CreateIdAsync(_alpha, fileId);
        await WaitFinishedAsync(_alpha, batchId);
        using var cancel = await _alpha.PostAsync($"openai/v1/batches/{batchId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("batch_not_cancellable", (await cancel.ErrorAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_deleted_file_is_gone_at_Groq_and_for_its_tenant()
    {
        var (fileId, _) = await UploadIdAsync(_alpha, 1);

        using var deleted = await _alpha.DeleteAsync($"openai/v1/files/{fileId}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True((await JsonAsync(deleted)).GetProperty("deleted").GetBoolean());
        using var again = await _alpha.GetAsync($"openai/v1/files/{fileId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(await ListIdsAsync(_alpha, "openai/v1/files"));
        Assert.Empty(await ListIdsAsync(_groq, "openai/v1/files"));
    }

    [Fact]
    public async Task A_key_Groq_rejects_is_a_502_that_blames_no_client_token_and_leaves_the_pool()
    {
        await using var upstream = await TestUpstream.StartAsync(
            [KeyA1], Tenants("alpha"), gatewayKeys: [KeyA1 with { Secret = "gsk_test_batches_revoked" }]);
        using var alpha = ClientOf(upstream.Gateway.BaseAddress, Token("alpha"));

        using var first = await UploadAsync(alpha, Jsonl(1));
        using var second = await UploadAsync(alpha, Jsonl(1));

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal("upstream_key_rejected", (await first.ErrorAsync()).GetProperty("code").GetString());
        Assert.DoesNotContain("gsk_", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("no_upstream_key", (await second.ErrorAsync()).GetProperty("code").GetString());
    }
}
