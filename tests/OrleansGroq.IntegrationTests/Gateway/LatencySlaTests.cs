using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

public sealed class LatencySlaTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("k1", "org_sla", "gsk_test_latency_sla_key");
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() =>
        _upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string> { ["Upstream:AttemptTimeout"] = "00:00:01" });

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task An_attempt_slower_than_the_sla_is_cancelled_and_retried()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 30_000, Times = 1 });

        using var response = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, response.Attempts());
    }

    [Fact]
    public async Task An_upstream_that_never_answers_in_time_is_tried_twice_then_answered_locally_or_refused_with_a_503()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.StallBeforeFirstByte, DelayMs = 30_000 });
        var refusing = ChatBodies.Post(ChatBodies.Simple());
        refusing.Headers.Add("x-orleansgroq-degraded", "refuse");

        using var local = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));
        using var refused = await _upstream.Gateway.Http.SendAsync(refusing);

        // An explicit model has no fallback and no backup is configured: the second attempt is the same model.
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("local", local.Header("x-orleansgroq-degraded"));
        Assert.Equal(2, local.Attempts());
        using (var json = JsonDocument.Parse(await local.Content.ReadAsStringAsync()))
        {
            Assert.Equal("upstream_timeout", json.RootElement.GetProperty("x_orleansgroq").GetProperty("reason").GetString());
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("upstream_timeout", (await refused.ErrorAsync()).GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(2, refused.Attempts());
    }

    [Fact]
    public async Task A_stream_that_stalls_longer_than_the_sla_ends_in_an_error_event()
    {
        _upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.StallMidStream, AfterChunks = 2, DelayMs = 30_000 });

        using var response = await _upstream.Gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(stream: true)));
        var relayed = await response.Content.ReadAsStringAsync();

        Assert.Contains("event: error", relayed, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", relayed, StringComparison.Ordinal);
    }
}
