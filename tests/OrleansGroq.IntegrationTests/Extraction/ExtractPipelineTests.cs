using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.Extraction;

/// <summary>
/// <c>POST /v1/extract</c> takes the pipeline every chat request takes: a failed model goes to the fallback configured
/// for it or to the backup provider, its calls are admitted by the quota and its tenant's fair share, and once two LLM
/// attempts have failed, regex extraction answers locally, marked, or the truthful error when local answers are refused.
/// </summary>
public sealed class ExtractPipelineTests
{
    private const string Oss120b = "openai/gpt-oss-120b";
    private const string BusyToken = "og-test-token-for-extraction-tenant-busy";
    private const string Text = "Pay 4,500 to ravi.kumar@okaxis today or call 9876543210. Mail ravi@example.com.";

    private static readonly TestKey A = new("extract-a", "org_extract_pipeline", "gsk_test_extract_pipeline_a");

    private static readonly Dictionary<string, string> FallbackTo120b = new() { [$"Routing:Fallbacks:{Oss20b}"] = Oss120b };

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "upi_ids": { "type": "array", "items": { "type": "string" } },
            "phone_numbers": { "type": "array", "items": { "type": "string" } },
            "emails": { "type": "array", "items": { "type": "string" } },
            "amount": { "type": "number" }
          },
          "required": ["upi_ids", "phone_numbers", "emails", "amount"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    [Fact]
    public async Task A_failing_model_is_answered_by_the_fallback_configured_for_it()
    {
        await using var upstream = await StartAsync(FallbackTo120b);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500, Model = Oss20b });

        using var response = await ExtractAsync(upstream);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Oss20b}=server_error,groq:{Oss120b}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal("", response.Header("x-orleansgroq-degraded"));
        Assert.Equal(Oss120b, response.Header("x-orleansgroq-model"));
        Assert.Equal(Oss120b, answer.GetProperty("model").GetString());
        Assert.Equal("model", answer.GetProperty("source").GetString());
        Assert.True(JsonSchemaValidator.IsValid(Schema, answer.GetProperty("data")), answer.GetProperty("data").GetRawText());
        Assert.Equal(2, answer.GetProperty("llm_calls").GetInt32());
        Assert.Equal(1, upstream.Emulator.Control.GetStats().For(A.Alias, Oss120b).Served);
    }

    [Fact]
    public async Task An_unreachable_groq_is_answered_by_the_backup_provider()
    {
        await using var backup = await BackupEmulator.StartAsync();
        await using var upstream = await StartAsync(backup.Settings);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.StallBeforeFirstByte, DelayMs = 20 });

        using var response = await ExtractAsync(upstream);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Oss20b}=unreachable,backup:{Oss20b}=answer", response.Header("x-orleansgroq-cascade"));
        Assert.Equal("", response.Header("x-orleansgroq-degraded"));
        Assert.Equal("model", answer.GetProperty("source").GetString());
        Assert.Equal("complete", answer.GetProperty("confidence").GetString());
        Assert.Equal(1, backup.Emulator.Control.GetStats().For(BackupEmulator.Key.Alias, Oss20b).Served);
    }

    [Fact]
    public async Task When_groq_and_the_backup_both_fail_regex_answers_locally_after_two_attempts()
    {
        await using var backup = await BackupEmulator.StartAsync();
        await using var upstream = await StartAsync(backup.Settings);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        backup.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        using var response = await ExtractAsync(upstream);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"groq:{Oss20b}=server_error,backup:{Oss20b}=server_error", response.Header("x-orleansgroq-cascade"));
        Assert.Equal("local", response.Header("x-orleansgroq-degraded"));
        Assert.Equal("regex", answer.GetProperty("source").GetString());
        Assert.Equal(3, answer.GetProperty("fields_found").GetInt32());
        Assert.Equal("ravi.kumar@okaxis", answer.GetProperty("data").GetProperty("upi_ids")[0].GetString());
        Assert.Equal(2, answer.GetProperty("llm_calls").GetInt32());

        // Two LLM attempts, each a send and three retries on the 5xx, then local logic: no further call is made.
        Assert.Equal(4, upstream.Emulator.Control.GetStats().Totals.Requests);
        Assert.Equal(4, backup.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task A_client_that_refuses_local_answers_gets_the_backups_error_instead_of_regex()
    {
        await using var backup = await BackupEmulator.StartAsync();
        await using var upstream = await StartAsync(backup.Settings);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        backup.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        using var response = await ExtractAsync(upstream, headers: new() { ["x-orleansgroq-degraded"] = "refuse" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("backup_error", (await response.ErrorAsync()).GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task After_a_failed_attempt_a_refused_generation_is_not_retried_but_salvaged()
    {
        await using var upstream = await StartAsync(FallbackTo120b);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500, Model = Oss20b });
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.JsonValidateFailed, Model = Oss120b });

        using var response = await ExtractAsync(upstream);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("repaired", answer.GetProperty("source").GetString());
        Assert.Equal(2, answer.GetProperty("llm_calls").GetInt32());
        Assert.Equal(0, answer.GetProperty("validation_retries").GetInt32());
        Assert.Equal(1, upstream.Emulator.Control.GetStats().For(A.Alias, Oss120b).Requests);
    }

    [Fact]
    public async Task A_models_spent_budget_moves_the_extraction_to_its_fallback_without_an_upstream_429()
    {
        await using var upstream = await StartAsync(new Dictionary<string, string>(FallbackTo120b)
        {
            [$"Quota:Accounts:{A.Account}:{Oss20b}:Rpm"] = "1",
            ["Quota:SafetyMargin"] = "0",
        });

        using var first = await ExtractAsync(upstream, headers: new() { ["x-orleansgroq-max-wait-ms"] = "0" });
        using var second = await ExtractAsync(upstream, headers: new() { ["x-orleansgroq-max-wait-ms"] = "0" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Oss20b, first.Header("x-orleansgroq-model"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal($"groq:{Oss20b}=rate_limited,groq:{Oss120b}=answer", second.Header("x-orleansgroq-cascade"));
        Assert.Equal(Oss120b, second.Header("x-orleansgroq-model"));
        var stats = upstream.Emulator.Control.GetStats();
        Assert.Equal(1, stats.For(A.Alias, Oss20b).Requests);
        Assert.Equal(0, stats.Totals.RateLimited);
    }

    [Fact]
    public async Task An_extraction_answered_by_the_fallback_counts_against_its_tenants_fair_share()
    {
        await using var upstream = await StartAsync(new Dictionary<string, string>(FallbackTo120b)
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "busy",
            ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BusyToken))),
            ["Quota:Tenants:busy:Rpm"] = "1",
            ["Quota:SafetyMargin"] = "0",
        });
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500, Model = Oss20b });
        var busy = new Dictionary<string, string> { ["x-orleansgroq-max-wait-ms"] = "0" };

        using var served = await ExtractAsync(upstream, BusyToken, busy);
        var sent = upstream.Emulator.Control.GetStats().Totals.Requests;
        using var refused = await ExtractAsync(upstream, BusyToken, busy);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal($"groq:{Oss20b}=server_error,groq:{Oss120b}=answer", served.Header("x-orleansgroq-cascade"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("tenant_rate_limit_exceeded", (await refused.ErrorAsync()).GetProperty("code").GetString());
        Assert.Equal(sent, upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    private static async Task<TestUpstream> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var upstream = await TestUpstream.StartAsync([A], settings);
        upstream.Emulator.Control.Unlimit([A], Oss20b);
        upstream.Emulator.Control.Unlimit([A], Oss120b);
        return upstream;
    }

    private static Task<HttpResponseMessage> ExtractAsync(TestUpstream upstream, string? token = null, Dictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/extract") { Content = JsonContent.Create(new { text = Text, schema = Schema }) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        return upstream.Gateway.Http.SendAsync(request);
    }
}
