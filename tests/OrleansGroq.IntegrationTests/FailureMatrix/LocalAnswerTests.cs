using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using static OrleansGroq.IntegrationTests.FailureMatrix.MatrixModels;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>Matrix row: every LLM attempt spent. Local logic answers, marked as degraded, unless the request refuses it.</summary>
public sealed class LocalAnswerTests
{
    private const string StrictToken = "og-test-token-for-tenant-strict";
    private static readonly TestKey A = new("local-a", "org_local_a", "gsk_test_matrix_local_account_a");

    private const string WorriedBody =
        """{"model":"quality","max_tokens":16,"messages":[{"role":"user","content":"URGENT: my bank account is blocked, write to help@example.com"}]}""";

    [Fact]
    public async Task Every_llm_attempt_spent_gives_a_marked_local_answer()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        var control = upstream.Emulator.Control;
        control.Unlimit([A], Quality);
        control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(WorriedBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", response.Header("x-orleansgroq-degraded"));
        Assert.Equal($"groq:{Quality}=server_error,groq:{Speed}=server_error", response.Header("x-orleansgroq-cascade"));
        Assert.Equal(8, response.Attempts());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal(0, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        var mark = root.GetProperty("x_orleansgroq");
        Assert.Equal("local", mark.GetProperty("degraded").GetString());
        Assert.Equal("upstream_error", mark.GetProperty("reason").GetString());
        Assert.Equal(["help@example.com"], mark.GetProperty("extracted").GetProperty("emails").EnumerateArray().Select(e => e.GetString()));
        Assert.True(mark.GetProperty("risk_score").GetDouble() > 0);
        var stats = control.GetStats();
        Assert.Equal(4, stats.For(A.Alias, Quality).Errors);
        Assert.Equal(4, stats.For(A.Alias, Speed).Errors);
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }

    [Theory]
    [InlineData("header")]
    [InlineData("tenant")]
    [InlineData("configuration")]
    public async Task A_request_that_refuses_a_local_answer_gets_a_503_with_retry_after(string refusedBy)
    {
        var settings = new Dictionary<string, string>
        {
            ["Gateway:Auth:Tokens:0:Tenant"] = "strict",
            ["Gateway:Auth:Tokens:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StrictToken))),
        };
        if (refusedBy == "tenant")
        {
            settings["Fallback:RefuseDegradedTenants:0"] = "strict";
        }
        else if (refusedBy == "configuration")
        {
            settings["Fallback:AllowDegraded"] = "false";
        }

        await using var upstream = await TestUpstream.StartAsync([A], settings);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });
        var request = ChatBodies.Post(ChatBodies.Simple());
        request.Headers.Authorization = new("Bearer", StrictToken);
        if (refusedBy == "header")
        {
            request.Headers.Add("x-orleansgroq-degraded", "refuse");
        }

        using var response = await upstream.Gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("upstream_error", (await response.ErrorAsync()).GetProperty("code").GetString());
        Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal("", response.Header("x-orleansgroq-degraded"));
        Assert.Equal(4, response.Attempts());
    }

    [Fact]
    public async Task A_streaming_request_gets_the_local_answer_as_server_sent_events_ending_with_done()
    {
        await using var upstream = await TestUpstream.StartAsync([A]);
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Status500 });

        using var response = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(stream: true)));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("local", response.Header("x-orleansgroq-degraded"));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("local", chunks[^1].GetProperty("x_orleansgroq").GetProperty("degraded").GetString());
    }

    [Fact]
    public async Task An_unreachable_groq_with_no_backup_gives_a_local_answer_or_a_503_upstream_unreachable()
    {
        await using var gateway = await GatewayHost.StartAsync(ClosedPort.Upstream(), [A]);

        using var local = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));
        var refusing = ChatBodies.Post(ChatBodies.Simple());
        refusing.Headers.Add("x-orleansgroq-degraded", "refuse");
        using var refused = await gateway.Http.SendAsync(refusing);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("local", local.Header("x-orleansgroq-degraded"));
        using (var json = JsonDocument.Parse(await local.Content.ReadAsStringAsync()))
        {
            Assert.Equal("upstream_unreachable", json.RootElement.GetProperty("x_orleansgroq").GetProperty("reason").GetString());
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("upstream_unreachable", (await refused.ErrorAsync()).GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("available", (await AdminKeys.ReadAsync(gateway))[A.Alias].State());
    }
}
