using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>One structured log line per API request, a warning for each degraded answer, and the same records at <c>GET /admin/requests</c>.</summary>
public sealed class RequestLogTests
{
    private static readonly TestKey A = new("log-a", "org_log_a", "gsk_test_request_log_account_a");

    [Fact]
    public async Task Each_api_request_writes_one_structured_line_and_is_listed_in_the_recent_requests_newest_first()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        var gateway = upstream.Gateway;
        using var first = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("speed", maxTokens: 10)));
        using var second = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(maxTokens: 20)));
        await first.Content.ReadAsStringAsync();
        var usage = await second.Content.ReadFromJsonAsync<JsonElement>();

        var lines = gateway.Log.Where(e => e.Contains("RequestCompleted", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains($"RequestId, {first.Header("x-request-id")}", StringComparison.Ordinal)
            && l.Contains("ModelAsked, speed", StringComparison.Ordinal) && l.Contains($"UsedModel, {Speed}", StringComparison.Ordinal)
            && l.Contains($"KeyAlias, {A.Alias}", StringComparison.Ordinal) && l.Contains("Status, 200", StringComparison.Ordinal));

        using var listed = await gateway.Http.GetAsync("admin/requests?limit=1");
        using var json = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var request = Assert.Single(json.RootElement.GetProperty("requests").EnumerateArray());
        Assert.Equal(second.Header("x-request-id"), request.GetProperty("request_id").GetString());
        Assert.Equal("local", request.GetProperty("tenant").GetString());
        Assert.Equal("/openai/v1/chat/completions", request.GetProperty("endpoint").GetString());
        Assert.Equal(Speed, request.GetProperty("model").GetString());
        Assert.Equal(Speed, request.GetProperty("used_model").GetString());
        Assert.Equal(A.Alias, request.GetProperty("key").GetString());
        Assert.Equal(200, request.GetProperty("status").GetInt32());
        Assert.Equal(1, request.GetProperty("attempts").GetInt32());
        Assert.Equal([$"groq:{Speed}"], request.GetProperty("cascade").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, request.GetProperty("degraded").ValueKind);
        Assert.Equal(usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt64(), request.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(usage.GetProperty("usage").GetProperty("completion_tokens").GetInt64(), request.GetProperty("completion_tokens").GetInt64());
        Assert.True(request.GetProperty("own_ms").GetDouble() > 0);
        Assert.True(request.GetProperty("upstream_ms").GetDouble() > 0);
        Assert.EndsWith("Z", request.GetProperty("time").GetString(), StringComparison.Ordinal);
        Assert.InRange(request.GetProperty("time").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);

        using var both = JsonDocument.Parse(await gateway.Http.GetStringAsync("admin/requests"));
        Assert.Equal(
            [second.Header("x-request-id"), first.Header("x-request-id")],
            both.RootElement.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task A_degraded_answer_always_logs_a_warning_with_its_cause()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        upstream.Emulator.Control.Unlimit([A], Quality);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        using var chat = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality")));
        using var extraction = await upstream.Gateway.Http.PostAsJsonAsync(
            "v1/extract", new { text = "Write to ravi@example.com.", schema = new { type = "object", properties = new { email = new { type = "string" } } } });

        Assert.Equal("local", chat.Header("x-orleansgroq-degraded"));
        Assert.Equal("local", extraction.Header("x-orleansgroq-degraded"));
        var warnings = upstream.Gateway.Log.Where(e => e.StartsWith($"{LogLevel.Warning}", StringComparison.Ordinal) && e.Contains("DegradedAnswer", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains(chat.Header("x-request-id"), StringComparison.Ordinal) && w.Contains("Cause, upstream_error", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains(extraction.Header("x-request-id"), StringComparison.Ordinal) && w.Contains("Endpoint, /v1/extract", StringComparison.Ordinal));
        using var listed = JsonDocument.Parse(await upstream.Gateway.Http.GetStringAsync("admin/requests?limit=2"));
        Assert.All(listed.RootElement.GetProperty("requests").EnumerateArray(), r => Assert.Equal("upstream_error", r.GetProperty("degraded").GetString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    public async Task A_limit_out_of_range_is_refused_with_an_openai_shaped_400(string limit)
    {
        await using var upstream = await TestUpstream.StartAsync([A]);

        using var response = await upstream.Gateway.Http.GetAsync($"admin/requests?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("limit", (await response.ErrorAsync()).GetProperty("param").GetString());
    }
}
