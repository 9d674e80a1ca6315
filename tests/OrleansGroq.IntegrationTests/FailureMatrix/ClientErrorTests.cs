using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.FailureMatrix;

/// <summary>
/// Matrix row: Groq answers 400 (here to a field Groq refuses, which the gateway passes through as undocumented). The
/// caller's fault: passed back as it came, never retried, never counted by the circuit breaker, never a key's cooldown.
/// </summary>
public sealed class ClientErrorTests
{
    private static readonly TestKey A = new("4xx-a", "org_4xx_a", "gsk_test_matrix_4xx_account_a");

    [Fact]
    public async Task Upstream_400s_open_no_breaker_and_cool_no_key_for_the_next_caller()
    {
        await using var upstream = await TestUpstream.StartAsync([A], new Dictionary<string, string>
        {
            ["Upstream:BreakerMinimumThroughput"] = "2",
            ["Upstream:BreakerFailureRatio"] = "0.5",
            ["Upstream:BreakerSamplingDuration"] = "00:00:30",
            ["Upstream:BreakerBreakDuration"] = "00:00:30",
        });
        const string refused = """{"model":"llama-3.1-8b-instant","x_unknown_to_groq":1,"messages":[{"role":"user","content":"x"}]}""";

        for (var i = 0; i < 6; i++)
        {
            using var bad = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(refused));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(1, bad.Attempts());
        }

        using var good = await upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(1, good.Attempts());
        Assert.Equal("", good.Header("x-orleansgroq-cascade"));
        Assert.Equal("", good.Header("x-orleansgroq-degraded"));
        var stats = upstream.Emulator.Control.GetStats().For(A.Alias, ChatBodies.Model);
        Assert.Equal((7, 6, 1), (stats.Requests, stats.Errors, stats.Served));
        Assert.Equal("available", (await AdminKeys.ReadAsync(upstream.Gateway))[A.Alias].State());
    }
}
