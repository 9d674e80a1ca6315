using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary><c>GET /metrics</c>: Prometheus text of the GenAI metrics and the gateway's instruments, checked against the traffic sent.</summary>
public sealed class MetricsEndpointTests
{
    private const string Chat = "/openai/v1/chat/completions";
    private static readonly TestKey A = new("metrics-a", "org_metrics_a", "gsk_test_metrics_account_a");

    [Fact]
    public async Task After_traffic_the_metrics_show_the_genai_usage_and_durations_and_the_gateways_instruments()
    {
        await using var upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            [$"Quota:Accounts:{A.Account}:{Speed}:Rpm"] = "1000",
        });
        var control = upstream.Emulator.Control;
        control.Unlimit([A], Quality);
        foreach (var maxTokens in new[] { 8, 16, 24 })
        {
            using var whole = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(maxTokens: maxTokens)));
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        }

        using (var streamed = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(stream: true, maxTokens: 12))))
        {
            await streamed.Content.ReadAsStringAsync();
        }

        var served = control.GetStats().Totals;
        control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        using var degraded = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple("quality")));
        Assert.Equal("local", degraded.Header("x-orleansgroq-degraded"));

        // Four answers and two failed attempts of the degraded request; the stream's record ends with its relay.
        var metrics = await ScrapeUntilAsync(upstream.Gateway, m => m.Sum("orleansgroq_upstream_attempts_total") == 6);

        Assert.Equal(served.PromptTokens, metrics.Sum("gen_ai_client_token_usage_sum", ("gen_ai_token_type", "input")));
        Assert.Equal(served.CompletionTokens, metrics.Sum("gen_ai_client_token_usage_sum", ("gen_ai_token_type", "output")));
        Assert.Equal(4, metrics.Sum("gen_ai_client_token_usage_count", ("gen_ai_token_type", "input"), ("gen_ai_provider_name", "groq"), ("gen_ai_response_model", Speed)));
        Assert.Equal(6, metrics.Sum("gen_ai_client_operation_duration_seconds_count", ("gen_ai_request_model", Speed)) + metrics.Sum("gen_ai_client_operation_duration_seconds_count", ("gen_ai_request_model", Quality)));
        Assert.Equal(2, metrics.Sum("gen_ai_client_operation_duration_seconds_count", ("error_type", "server_error")));
        Assert.Equal(1, metrics.Sum("gen_ai_server_time_to_first_token_seconds_count"));
        Assert.Equal(4, metrics.Sum("orleansgroq_upstream_attempts_total", ("orleansgroq_outcome", "ok"), ("orleansgroq_key", A.Alias)));
        Assert.Equal(2, metrics.Sum("orleansgroq_upstream_attempts_total", ("orleansgroq_outcome", "server_error")));
        Assert.Equal(1, metrics.Sum("orleansgroq_cascade_steps_total", ("orleansgroq_step", "fallback")));
        Assert.Equal(1, metrics.Sum("orleansgroq_degraded_total", ("orleansgroq_degraded_cause", "upstream_error")));
        Assert.Equal(5, metrics.Sum("orleansgroq_request_own_duration_seconds_count", ("http_route", Chat)));
        Assert.Equal(1, metrics.Sum("orleansgroq_key_state", ("orleansgroq_key", A.Alias), ("orleansgroq_key_state", "available")));
        Assert.Equal(0, metrics.Sum("orleansgroq_key_state", ("orleansgroq_key", A.Alias), ("orleansgroq_key_state", "cooling")));
        Assert.True(metrics.HasMetricStartingWith("orleans_"), "Orleans' own meters are exported");

        // The budgets are read in the background of a collection, and shown by the next.
        var quota = await ScrapeUntilAsync(upstream.Gateway, m => m.Has("orleansgroq_quota_remaining", ("orleansgroq_account", A.Account), ("gen_ai_request_model", Speed), ("orleansgroq_quota_limit", "rpm")));
        Assert.InRange(quota.Sum("orleansgroq_quota_remaining", ("orleansgroq_account", A.Account), ("gen_ai_request_model", Speed), ("orleansgroq_quota_limit", "rpm")), 0, 1000);
        Assert.InRange(quota.Sum("orleansgroq_quota_leased", ("orleansgroq_account", A.Account), ("gen_ai_request_model", Speed), ("orleansgroq_quota_limit", "rpm")), 0, 1000);
        Assert.DoesNotContain(A.Secret, metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_from_the_upstream_is_counted_with_the_cooldown_it_starts_and_the_429_the_client_got()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        var control = upstream.Emulator.Control;
        control.SetLimits(A.Account, Speed, new() { Rpm = 1 });
        using (var spent = await EmulatorDirect.SendAsync(upstream.Emulator, A, ChatBodies.Simple()))
        {
            Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        }

        using var refused = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var metrics = await ScrapeUntilAsync(upstream.Gateway, m => m.Sum("orleansgroq_client_rate_limited_total") == 1);
        Assert.Equal(1, control.GetStats().For(A.Alias, Speed).RateLimited);
        Assert.Equal(1, metrics.Sum("orleansgroq_upstream_rate_limited_total", ("orleansgroq_key", A.Alias), ("orleansgroq_limit", "rpm")));
        Assert.Equal(1, metrics.Sum("orleansgroq_key_cooldowns_total", ("orleansgroq_key", A.Alias), ("orleansgroq_reason", "requests_per_minute")));
        Assert.Equal(1, metrics.Sum("orleansgroq_key_state", ("orleansgroq_key", A.Alias), ("orleansgroq_key_state", "cooling")));
        Assert.Equal(1, metrics.Sum("orleansgroq_upstream_attempts_total", ("orleansgroq_outcome", "rate_limited")));
    }

    [Fact]
    public async Task Metrics_are_served_under_the_admin_rules()
    {
        const string adminToken = "og-admin-token-for-the-metrics-tests";
        await using var upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            ["Gateway:Admin:TokenSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(adminToken))),
        });

        using var refused = await upstream.Gateway.Http.GetAsync("metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var admitted = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal("text/plain", admitted.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Scrapes until <paramref name="settled"/> holds: a stream's record ends after its client read it, and the exporter caches a scrape briefly.</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(GatewayHost gateway, Func<PrometheusText, bool> settled)
    {
        PrometheusText? metrics = null;
        await Polling.UntilAsync(
            async () =>
            {
                metrics = new PrometheusText(await gateway.Http.GetStringAsync("metrics"));
                return settled(metrics);
            },
            "the metrics show the traffic sent");
        return metrics!;
    }
}
