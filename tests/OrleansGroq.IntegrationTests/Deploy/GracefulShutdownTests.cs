using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Cluster.Processes;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Deploy;

/// <summary>
/// One gateway process stopped with SIGTERM while a stream is in progress: at once it reports not ready and refuses
/// new requests unread; the stream runs to its end; then it exits 0. A request still running when the drain time is
/// up is cut off, and the process still exits 0 without waiting for it.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private static readonly TestKey Key = new("k1", "org_1", "gsk_test_graceful_shutdown_1");

    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Accounts = [new AccountOptions { Id = Key.Account, Keys = [new ApiKeyOptions { Alias = Key.Alias, Secret = Key.Secret }], Limits = new() { [ChatBodies.Model] = ModelLimits.Unlimited } }],
        });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_stream_in_progress_at_SIGTERM_ends_complete_while_new_requests_are_refused_and_the_process_exits_0()
    {
        await using var gateway = await StartAsync(TimeSpan.FromSeconds(30));
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 1500, Times = 1 });
        var stream = gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple(stream: true)));
        await Polling.UntilAsync(() => Task.FromResult(_emulator.Control.GetStats().Totals.Requests == 1), "the stream reaches the upstream");

        var exit = gateway.TerminateAsync(TimeSpan.FromSeconds(60));
        await Polling.UntilAsync(async () => !await gateway.IsReadyAsync(), "the stopping gateway reports not ready");
        using (var ready = await gateway.Http.GetAsync("health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        using (var refused = await gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple())))
        {
            using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("shutting_down", error.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.True(refused.Headers.ConnectionClose);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        using var streamed = await stream;
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.EndsWith("data: [DONE]", (await streamed.Content.ReadAsStringAsync()).TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0, await exit);
        Assert.Equal(1, _emulator.Control.GetStats().Totals.Requests);
        Assert.Contains(gateway.Output, line => line.Contains("Drained in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_still_running_when_the_drain_time_is_up_is_cut_off_and_the_process_exits_0()
    {
        var drain = TimeSpan.FromSeconds(1);
        await using var gateway = await StartAsync(drain);
        _emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 60_000, Times = 1 });
        var request = gateway.Http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));
        await Polling.UntilAsync(() => Task.FromResult(_emulator.Control.GetStats().Totals.Requests == 1), "the request reaches the upstream");

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await gateway.TerminateAsync(TimeSpan.FromSeconds(60)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The process took {clock.Elapsed} to exit: it waited for the request.");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => request);
        Assert.Contains(gateway.Output, line => line.Contains("request(s) still in progress", StringComparison.Ordinal));
    }

    private Task<SiloProcess> StartAsync(TimeSpan drain) =>
        SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Upstream__BaseUrl"] = new Uri(_emulator.BaseAddress, "openai/v1/").ToString(),
            ["Groq__Keys__0__Alias"] = Key.Alias,
            ["Groq__Keys__0__Account"] = Key.Account,
            ["Groq__Keys__0__Secret"] = Key.Secret,
            ["Shutdown__DrainTimeout"] = drain.ToString("c", CultureInfo.InvariantCulture),
        });
}
