using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator.Tests.Support;
using static OrleansGroq.Emulator.Tests.Batches.BatchClient;

namespace OrleansGroq.Emulator.Tests.Batches;

public sealed class BatchApiTests
{
    [Fact]
    public async Task A_batch_runs_every_line_and_writes_answers_and_failures_to_their_files()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount());
        var fileId = await UploadIdAsync(
            emulator.Client, Line("first"), Line("second"), Line("third"), Line("unknown-model", EmulatorScope.Chat(model: "no-such-model")));

        var created = await CreateBatchAsync(emulator.Client, fileId);
        Assert.StartsWith("batch_", created.GetProperty("id").GetString());
        Assert.Equal("batch", created.GetProperty("object").GetString());
        Assert.Equal("/v1/chat/completions", created.GetProperty("endpoint").GetString());
        var batch = await WaitFinishedAsync(emulator.Client, created.GetProperty("id").GetString()!);

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var counts = batch.GetProperty("request_counts");
        Assert.Equal((4, 3, 1), (counts.GetProperty("total").GetInt32(), counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32()));
        Assert.Equal(JsonValueKind.Number, batch.GetProperty("completed_at").ValueKind);
        Assert.Equal(
            batch.GetProperty("created_at").GetInt64() + 24 * 3600,
            batch.GetProperty("expires_at").GetInt64());

        var answers = await ContentAsync(emulator.Client, batch.GetProperty("output_file_id").GetString()!);
        Assert.Equal(["first", "second", "third"], answers.Select(a => a.GetProperty("custom_id").GetString()).Order());
        Assert.All(answers, answer =>
        {
            Assert.StartsWith("batch_req_", answer.GetProperty("id").GetString());
            var response = answer.GetProperty("response");
            Assert.Equal(200, response.GetProperty("status_code").GetInt32());
            Assert.StartsWith("req_", response.GetProperty("request_id").GetString());
            Assert.Equal("chat.completion", response.GetProperty("body").GetProperty("object").GetString());
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("error").ValueKind);
        });

        var failure = Assert.Single(await ContentAsync(emulator.Client, batch.GetProperty("error_file_id").GetString()!));
        Assert.Equal("unknown-model", failure.GetProperty("custom_id").GetString());
        Assert.Equal(404, failure.GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal("model_not_found", failure.GetProperty("response").GetProperty("body").GetProperty("error").GetProperty("code").GetString());

        var outputFile = await JsonAsync(await emulator.Client.GetAsync($"openai/v1/files/{batch.GetProperty("output_file_id").GetString()}"));
        Assert.Equal("batch_output", outputFile.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task A_file_with_bad_lines_fails_validation_naming_each_line_and_runs_nothing()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount());
        var fileId = await UploadIdAsync(
            emulator.Client,
            Line("same"),
            Line("same"),
            "{not json",
            Line("elsewhere", url: "/v1/embeddings"),
            """{"custom_id":"no-body","method":"POST","url":"/v1/chat/completions"}""");

        var batch = await WaitFinishedAsync(emulator.Client, (await CreateBatchAsync(emulator.Client, fileId)).GetProperty("id").GetString()!);

        Assert.Equal("failed", batch.GetProperty("status").GetString());
        var errors = batch.GetProperty("errors").GetProperty("data").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([(2, "duplicate_custom_id"), (3, "invalid_json_line"), (4, "invalid_url"), (5, "missing_required_parameter")], errors);
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("output_file_id").ValueKind);
        Assert.Equal(0, emulator.Control.GetStats().Totals.Requests);
    }

    [Theory]
    [InlineData("""{"endpoint":"/v1/chat/completions","completion_window":"24h"}""", "input_file_id")]
    [InlineData("""{"input_file_id":"file_missing","endpoint":"/v1/chat/completions","completion_window":"24h"}""", "input_file_id")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/embeddings","completion_window":"24h"}""", "endpoint")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/chat/completions","completion_window":"1h"}""", "completion_window")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/chat/completions","completion_window":"8d"}""", "completion_window")]
    [InlineData("""{"input_file_id":"FILE","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"n":1}}""", "metadata")]
    public async Task A_batch_asked_for_wrongly_is_refused_naming_the_field(string body, string param)
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount());
        var fileId = await UploadIdAsync(emulator.Client, Line("a"));

        using var response = await emulator.Client.PostAsync("openai/v1/batches", Json(body.Replace("FILE", fileId)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await JsonAsync(response)).GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Batch_lines_are_outside_the_rate_limits_and_the_chat_statistics()
    {
        await using var emulator = await EmulatorScope.StartAsync(EmulatorScope.OneAccount(limits: new ModelLimits { Rpm = 1, Rpd = 1, Tpm = 100_000, Tpd = 1_000_000 }));
        var fileId = await UploadIdAsync(emulator.Client, [.. Enumerable.Range(1, 5).Select(i => Line($"line-{i}"))]);

        var batch = await WaitFinishedAsync(emulator.Client, (await CreateBatchAsync(emulator.Client, fileId)).GetProperty("id").GetString()!);

        Assert.Equal(5, batch.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(0, emulator.Control.GetStats().Totals.Requests);
        var (chat, _) = await emulator.PostChatJsonAsync(EmulatorScope.Chat());
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_batch_keeps_what_ran_and_starts_nothing_more()
    {
        await using var emulator = await EmulatorScope.StartAsync(Realistic());
        var fileId = await UploadIdAsync(emulator.Client, [.. Enumerable.Range(1, 40).Select(i => Line($"line-{i}"))]);
        var id = (await CreateBatchAsync(emulator.Client, fileId)).GetProperty("id").GetString()!;
        await WaitAsync(emulator.Client, id, b => b.GetProperty("status").GetString() == "in_progress");

        using var cancel = await emulator.Client.PostAsync($"openai/v1/batches/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelling", (await JsonAsync(cancel)).GetProperty("status").GetString());
        var batch = await WaitFinishedAsync(emulator.Client, id);

        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, batch.GetProperty("cancelled_at").ValueKind);
        Assert.Equal(0, batch.GetProperty("request_counts").GetProperty("completed").GetInt32());
        using var again = await emulator.Client.PostAsync($"openai/v1/batches/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Lines_still_waiting_when_the_window_closes_end_as_expired()
    {
        await using var emulator = await EmulatorScope.StartAsync(Realistic());
        var fileId = await UploadIdAsync(emulator.Client, [.. Enumerable.Range(1, 40).Select(i => Line($"line-{i}"))]);
        var id = (await CreateBatchAsync(emulator.Client, fileId)).GetProperty("id").GetString()!;
        await WaitAsync(emulator.Client, id, b => b.GetProperty("status").GetString() == "in_progress");

        // Lines wait on the fake clock. Step it until some have answered, then past the window: the lines already
        // running answer, the rest find the window closed. The clock keeps stepping because a line may reach its
        // wait only after a step, and would otherwise wait for ever.
        await WaitAsync(emulator.Client, id, b =>
        {
            if (b.GetProperty("request_counts").GetProperty("completed").GetInt32() > 0)
            {
                return true;
            }

            emulator.Clock.Advance(TimeSpan.FromSeconds(10));
            return false;
        });
        var batch = await WaitAsync(emulator.Client, id, b =>
        {
            emulator.Clock.Advance(TimeSpan.FromHours(25));
            return b.GetProperty("status").GetString() is "expired" or "completed";
        });

        Assert.Equal("expired", batch.GetProperty("status").GetString());
        var answered = batch.GetProperty("request_counts").GetProperty("completed").GetInt32();
        Assert.InRange(answered, 1, 39);
        var expired = await ContentAsync(emulator.Client, batch.GetProperty("error_file_id").GetString()!);
        Assert.Equal(40 - answered, expired.Count);
        Assert.All(expired, line => Assert.Equal("batch_expired", line.GetProperty("error").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Batches_are_listed_newest_first_a_page_at_a_time_and_hidden_from_other_organizations()
    {
        await using var emulator = await EmulatorScope.StartAsync(TwoAccounts.Options);
        var fileId = await UploadIdAsync(emulator.Client, Line("a"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateBatchAsync(emulator.Client, fileId)).GetProperty("id").GetString()!);
            emulator.Clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        var first = await JsonAsync(await emulator.Client.GetAsync("openai/v1/batches?limit=2"));
        Assert.Equal([ids[2], ids[1]], first.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.True(first.GetProperty("has_more").GetBoolean());
        var second = await JsonAsync(await emulator.Client.GetAsync($"openai/v1/batches?limit=2&after={first.GetProperty("last_id").GetString()}"));
        Assert.Equal([ids[0]], second.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.False(second.GetProperty("has_more").GetBoolean());

        using var other = TwoAccounts.OtherClient(emulator);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"openai/v1/batches/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"openai/v1/batches/{ids[0]}/cancel", null)).StatusCode);
        Assert.Empty((await JsonAsync(await other.GetAsync("openai/v1/batches"))).GetProperty("data").EnumerateArray());
        using var foreignFile = await CreateAsync(other, fileId);
        Assert.Equal(HttpStatusCode.BadRequest, foreignFile.StatusCode);
    }

    private static EmulatorOptions Realistic()
    {
        var options = EmulatorScope.OneAccount();
        options.TimeProfile = "realistic";
        return options;
    }
}
