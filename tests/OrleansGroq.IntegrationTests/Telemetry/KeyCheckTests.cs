using System.Net;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Silo.Health;

namespace OrleansGroq.IntegrationTests.Telemetry;

/// <summary>The start-up check of each key against <c>GET /models</c>, and readiness when the upstream cannot be reached twice in a row.</summary>
public sealed class KeyCheckTests
{
    private static readonly TestKey Good = new("check-good", "org_check", "gsk_test_key_check_good");
    private static readonly TestKey Bad = new("check-bad", "org_check", "gsk_test_key_check_not_known_upstream");
    private static readonly Dictionary<string, string> CheckAtStart = new() { ["Upstream:CheckKeysAtStart"] = "true" };

    [Fact]
    public async Task At_start_each_key_is_checked_once_and_the_result_logged_by_alias()
    {
        await using var upstream = await TestUpstream.StartAsync([Good], CheckAtStart, gatewayKeys: [Good, Bad]);

        await Polling.UntilAsync(() => upstream.Gateway.Log.Count(e => e.Contains("KeyCheck", StringComparison.Ordinal)) == 2, "both keys checked");
        Assert.Contains(upstream.Gateway.Log, e => e.Contains("KeyCheckReachable", StringComparison.Ordinal) && e.Contains($"KeyAlias, {Good.Alias}", StringComparison.Ordinal));
        Assert.Contains(upstream.Gateway.Log, e => e.StartsWith("Error", StringComparison.Ordinal) && e.Contains("KeyCheckRejected", StringComparison.Ordinal)
            && e.Contains($"KeyAlias, {Bad.Alias}", StringComparison.Ordinal) && e.Contains("StatusCode, 401", StringComparison.Ordinal));
        Assert.Equal(1, upstream.Emulator.Control.GetStats().Unauthorized);
        Assert.Equal("Healthy", await upstream.Gateway.Http.GetStringAsync("health/ready"));
    }

    [Fact]
    public async Task An_unreachable_upstream_is_logged_and_readiness_reports_it_once_it_failed_repeatedly()
    {
        await using var gateway = await GatewayHost.StartAsync(ClosedPort.Upstream(), [Good], CheckAtStart);

        await Polling.UntilAsync(() => gateway.Log.Any(e => e.Contains("KeyCheckUnreachable", StringComparison.Ordinal) && e.Contains(Good.Alias, StringComparison.Ordinal)), "the key check logged");

        // One failed check is not enough to report: a connection may fail once.
        Assert.Equal(1, UpstreamReachability.FailuresToReport - 1);
        Assert.Equal("Healthy", await gateway.Http.GetStringAsync("health/ready"));

        using var answer = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("local", answer.Header("x-orleansgroq-degraded"));
        Assert.Contains(gateway.Log, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("UpstreamAttemptFailed", StringComparison.Ordinal));
        using var ready = await gateway.Http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }
}
