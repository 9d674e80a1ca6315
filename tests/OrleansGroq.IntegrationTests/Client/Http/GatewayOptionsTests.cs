using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using OrleansGroq.Client;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary>Gateway options set on <see cref="ChatOptions"/> reach the gateway as headers, and change what it does.</summary>
public sealed class GatewayOptionsTests : IAsyncLifetime
{
    private const string Token = "og-test-token-for-tenant-client";
    private static readonly TestKey[] Keys =
    [
        new("opt-a", "org_opt_a", "gsk_test_client_options_a"),
        new("opt-b", "org_opt_b", "gsk_test_client_options_b"),
        new("opt-c", "org_opt_c", "gsk_test_client_options_c"),
    ];

    private TestUpstream _upstream = null!;
    private RecordingHandler _recorder = null!;
    private HttpClient _http = null!;
    private OrleansGroqChatClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync(Keys, new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "client",
            ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
            ["Quota:Tenants:client:Rpm"] = "4",
            ["Quota:SafetyMargin"] = "0",
        });
        _recorder = new RecordingHandler();
        _http = new HttpClient(_recorder) { BaseAddress = _upstream.Gateway.BaseAddress };
        _client = new OrleansGroqChatClient(_http, new OrleansGroqClientOptions { ApiKey = Token, DefaultModel = "speed" });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _http.Dispose();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Every_option_travels_as_a_header_and_none_in_the_body_nor_back_into_the_callers_options()
    {
        var gateway = new GatewayRequestOptions
        {
            SessionId = "session-1",
            Priority = GatewayPriority.Batch,
            MaxWait = TimeSpan.FromMilliseconds(1500),
            AllowDegraded = false,
            MaxLatency = TimeSpan.FromMilliseconds(800),
            Needs = GatewayNeeds.Tools | GatewayNeeds.Json,
            CostSensitive = true,
        };
        var options = new ChatOptions { MaxOutputTokens = 8 }.WithGateway(gateway);

        var response = await _client.GetResponseAsync("Say hello.", options);

        var sent = Assert.Single(_recorder.Sent);
        Assert.Equal("/openai/v1/chat/completions", sent.Path);
        Assert.Equal($"Bearer {Token}", sent.Headers["authorization"]);
        Assert.Equal("session-1", sent.Headers["x-session-id"]);
        Assert.Equal("batch", sent.Headers["x-orleansgroq-priority"]);
        Assert.Equal("1500", sent.Headers["x-orleansgroq-max-wait-ms"]);
        Assert.Equal("refuse", sent.Headers["x-orleansgroq-degraded"]);
        Assert.Equal("800", sent.Headers["x-orleansgroq-max-latency-ms"]);
        Assert.Equal("tools,json", sent.Headers["x-orleansgroq-needs"]);
        Assert.Equal("true", sent.Headers["x-orleansgroq-cost-sensitive"]);
        Assert.DoesNotContain("orleansgroq", sent.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("session", sent.Body, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Same(gateway, options.GetGateway());
    }

    [Fact]
    public async Task A_session_stays_on_its_key()
    {
        var sessionB = KeyAffinity.SessionPreferring(_upstream.Gateway, "opt-b");
        var sessionC = KeyAffinity.SessionPreferring(_upstream.Gateway, "opt-c");

        var keys = new List<string?>();
        foreach (var session in new[] { sessionB, sessionC, sessionB, sessionC })
        {
            var response = await _client.GetResponseAsync("Say hello.", new ChatOptions { MaxOutputTokens = 4 }.WithGateway(new() { SessionId = session }));
            keys.Add(response.GetGatewayInfo()?.KeyAlias);
        }

        Assert.Equal(["opt-b", "opt-c", "opt-b", "opt-c"], keys);
    }

    [Theory]
    [InlineData("auto:reasoning", "openai/gpt-oss-120b")]
    [InlineData("auto:cost", ChatBodies.Model)]
    [InlineData("auto:latency", ChatBodies.Model)]
    public async Task Routing_hints_steer_auto(string route, string model)
    {
        var hints = route switch
        {
            "auto:reasoning" => new GatewayRequestOptions { Needs = GatewayNeeds.Reasoning },
            "auto:cost" => new GatewayRequestOptions { CostSensitive = true },
            _ => new GatewayRequestOptions { MaxLatency = TimeSpan.FromMilliseconds(50) },
        };

        var response = await _client.GetResponseAsync("Say hello.", new ChatOptions { ModelId = "auto", MaxOutputTokens = 4 }.WithGateway(hints));

        Assert.Equal(route, response.GetGatewayInfo()?.Route);
        Assert.Equal(model, response.GetGatewayInfo()?.Model);
    }

    [Fact]
    public async Task A_refused_degraded_answer_is_a_503_with_its_code_and_retry_after_and_an_allowed_one_is_marked()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        var allowed = await _client.GetResponseAsync("Say hello.");
        var refused = await Assert.ThrowsAsync<OrleansGroqException>(() =>
            _client.GetResponseAsync("Say hello.", new ChatOptions().WithGateway(new() { AllowDegraded = false })));

        Assert.True(allowed.GetGatewayInfo()?.IsDegraded);
        Assert.Equal("local", allowed.GetGatewayInfo()?.Degraded);
        Assert.StartsWith("groq:llama-3.1-8b-instant=server_error,", allowed.GetGatewayInfo()?.Cascade, StringComparison.Ordinal);
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("upstream_error", refused.Code);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.False(string.IsNullOrEmpty(refused.RequestId));
    }

    [Fact]
    public async Task A_tenant_over_its_rate_that_will_not_wait_gets_a_typed_429_with_retry_after()
    {
        var noWait = new ChatOptions { MaxOutputTokens = 4 }.WithGateway(new() { MaxWait = TimeSpan.Zero });
        for (var i = 0; i < 4; i++)
        {
            await _client.GetResponseAsync("Say hello.", noWait);
        }

        var refused = await Assert.ThrowsAsync<OrleansGroqException>(() => _client.GetResponseAsync("Say hello.", noWait));

        Assert.Equal(429, refused.StatusCode);
        Assert.Equal("tenant_rate_limit_exceeded", refused.Code);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(Token, refused.Message, StringComparison.Ordinal);
        Assert.Equal(4, _upstream.Emulator.Control.GetStats().Totals.Requests);
    }

    [Fact]
    public async Task An_error_that_ends_a_begun_stream_is_a_typed_exception()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.ErrorEvent, AfterChunks = 2 });

        var error = await Assert.ThrowsAsync<OrleansGroqException>(async () =>
        {
            await foreach (var _ in _client.GetStreamingResponseAsync("Say hello."))
            {
            }
        });

        Assert.Equal(200, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.Code));
    }
}
