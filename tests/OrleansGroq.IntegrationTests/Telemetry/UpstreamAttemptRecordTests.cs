using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Silo.Telemetry;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>
/// One <see cref="UpstreamAttemptRecord"/> per LLM attempt, whichever endpoint asked for it, raised when the attempt's
/// usage is known and carrying exactly the usage the emulator counted.
/// </summary>
public sealed class UpstreamAttemptRecordTests : IAsyncLifetime
{
    private const string Token = "og-test-token-for-tenant-telemetry";
    private static readonly TestKey Key = new("tel-a", "org_telemetry", "gsk_test_telemetry_attempts_key");
    private readonly AttemptRecorder _recorder = new();
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync(
            [Key],
            new Dictionary<string, string>
            {
                ["Gateway:Auth:Tokens:0:Tenant"] = "acme",
                ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
            },
            gatewayServices: services => services.AddSingleton<IUpstreamAttemptObserver>(_recorder));
        _upstream.Gateway.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        _upstream.Emulator.Control.Unlimit([Key], Quality);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_whole_and_a_streamed_answer_each_raise_one_record_with_the_usage_the_emulator_counted()
    {
        using var whole = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(maxTokens: 20)));
        await whole.Content.ReadAsStringAsync();
        using var streamed = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(stream: true, maxTokens: 30)));
        await streamed.Content.ReadAsStringAsync();

        var records = await _recorder.WaitForAsync(2);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal(2, records.Count);
        var (first, second) = (records.Single(r => !r.Streamed), records.Single(r => r.Streamed));
        Assert.Equal(whole.Header("x-request-id"), first.RequestId);
        Assert.Equal(streamed.Header("x-request-id"), second.RequestId);
        foreach (var record in records)
        {
            Assert.Equal("acme", record.Tenant);
            Assert.Equal("groq", record.Provider);
            Assert.Equal(ChatBodies.Model, record.RequestModel);
            Assert.Equal(ChatBodies.Model, record.ResponseModel);
            Assert.Equal(Key.Alias, record.KeyAlias);
            Assert.Equal(Key.Account, record.Account);
            Assert.Equal(200, record.StatusCode);
            Assert.Equal(AttemptOutcomes.Ok, record.Outcome);
            Assert.True(record.Duration > TimeSpan.Zero);
            Assert.NotNull(record.Usage);
        }

        Assert.Null(first.TimeToFirstToken);
        Assert.NotNull(second.TimeToFirstToken);
        Assert.InRange(second.TimeToFirstToken.Value, TimeSpan.Zero, second.Duration);
        AssertUsageMatchesEmulator(records);
    }

    [Fact]
    public async Task Each_cascade_step_raises_its_own_record_as_it_ends()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500, Model = Quality });

        using var response = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality")));
        await response.Content.ReadAsStringAsync();
        var records = await _recorder.WaitForAsync(2);

        Assert.Equal($"groq:{Quality}=server_error,groq:{Speed}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(response.Header("x-request-id"), r.RequestId));
        Assert.Equal((Quality, (int?)500, "server_error", (string?)null), (records[0].RequestModel, records[0].StatusCode, records[0].Outcome, records[0].ResponseModel));
        Assert.Null(records[0].Usage);
        Assert.Equal((Speed, (int?)200, AttemptOutcomes.Ok), (records[1].RequestModel, records[1].StatusCode, records[1].Outcome));
        Assert.True(records[0].StartedAt <= records[1].StartedAt);
        AssertUsageMatchesEmulator(records);
    }

    [Fact]
    public async Task Conversation_turns_and_extraction_raise_records_through_the_same_cascade()
    {
        var conversations = new ConversationClient(_upstream.Gateway.Http, Token);
        var id = await conversations.CreateAsync("""{"model":"speed"}""");
        using (var turn = await conversations.SayAsync(id, "Hello there.", stream: true))
        {
            Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
            await turn.Content.ReadAsStringAsync();
        }

        using var extraction = await _upstream.Gateway.Http.PostAsJsonAsync(
            "v1/extract", new { text = "Mail ravi@example.com today.", schema = new { type = "object", properties = new { email = new { type = "string" } } } });
        var answer = await extraction.Content.ReadFromJsonAsync<JsonElement>();
        var calls = answer.GetProperty("llm_calls").GetInt32();
        var records = await _recorder.WaitForAsync(1 + calls);

        Assert.Equal(HttpStatusCode.OK, extraction.StatusCode);
        Assert.Equal(1 + calls, records.Count);
        Assert.Single(records, r => r.Streamed);
        Assert.Equal(calls, records.Count(r => r.RequestId == extraction.Header("x-request-id")));
        Assert.All(records, r => Assert.Equal(AttemptOutcomes.Ok, r.Outcome));
        AssertUsageMatchesEmulator(records);
    }

    private void AssertUsageMatchesEmulator(IReadOnlyList<UpstreamAttemptRecord> records)
    {
        var counted = _upstream.Emulator.Control.GetStats().Totals;
        var usage = records.Where(r => r.Usage is not null).Select(r => r.Usage!.Value).ToList();
        Assert.Equal(counted.PromptTokens, usage.Sum(u => u.PromptTokens));
        Assert.Equal(counted.CompletionTokens, usage.Sum(u => u.CompletionTokens));
        Assert.Equal(counted.CachedTokens, usage.Sum(u => u.CachedTokens));
        Assert.True(counted.PromptTokens > 0);
    }
}
