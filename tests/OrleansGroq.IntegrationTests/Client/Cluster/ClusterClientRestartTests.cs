using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Client.Cluster;

/// <summary>
/// Either silo of two restarted (killed, then started again on its ports) during a run of calls through the cluster
/// client: no call hangs past its timeout, and calls are served again once the silo is back.
/// </summary>
public sealed class ClusterClientRestartTests(ClusterClientFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterClientFixture>
{
    // A call lost with its silo waits the client's response timeout (8 s) and is resent at most twice.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private const int Callers = 4;

    // The survivor learns of the restart through membership a moment after the new process is live, and the client
    // refreshes its list of gateways every 5 s: a call in that window may get a clear 503 cluster_unavailable, or an
    // answer cut off with HttpIOException, but never hangs. Every call after it must be served.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Restarting_either_silo_during_a_run_of_calls_hangs_no_call_and_calls_are_served_after_it()
    {
        var conversations = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => CreateConversationAsync()));

        // Answers take a little while, so that some are in flight on the silo when it dies.
        fixture.Emulator.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 100 });
        for (var victim = 0; victim < fixture.Cluster.Silos.Count; victim++)
        {
            var results = new ConcurrentBag<CallResult>();
            using var stop = new CancellationTokenSource();
            var run = Stopwatch.StartNew();
            var callers = Enumerable.Range(0, Callers).Select(c => RunCallsAsync(conversations[c], $"silo {victim} caller {c}", run, results, stop.Token)).ToList();

            await Polling.UntilAsync(() => results.Count >= 2 * Callers, "calls run before the restart");
            var killed = run.Elapsed;
            await fixture.Cluster.Silos[victim].RestartAsync();
            var back = run.Elapsed;
            var settled = back + Settle;
            await Polling.UntilAsync(() => Task.FromResult(results.Count(r => r.Started > settled) >= 4 * Callers), "calls run after the restart", CallTimeout);
            await stop.CancelAsync();
            await Task.WhenAll(callers);

            var failed = results.Where(r => r.Failure is not null).ToList();
            var afterRestart = results.Where(r => r.Started > settled).ToList();
            output.WriteLine(
                $"silo {victim} restarted in {(back - killed).TotalMilliseconds:F0} ms; {results.Count} calls, slowest {results.Max(r => r.Duration).TotalMilliseconds:F0} ms; " +
                $"{failed.Count} failed: " + string.Join(", ", failed.GroupBy(f => f.Failure).Select(g => $"{g.Count()} × {g.Key}")) +
                $"; {afterRestart.Count} started {Settle.TotalSeconds:F0} s after the restart, {afterRestart.Count(r => r.Failure is not null)} of them failed.");

            Assert.All(results, r => Assert.True(r.Duration < CallTimeout, $"A call took {r.Duration.TotalSeconds:F1} s."));
            Assert.All(afterRestart, r => Assert.Null(r.Failure));
            using var after = await fixture.Http.SendAsync(Post("openai/v1/chat/completions", ChatBodies.Simple()));
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }
    }

    // Calls one after another until stopped: a chat completion, a streamed one, and a conversation turn with its key.
    private async Task RunCallsAsync(string conversation, string caller, Stopwatch run, ConcurrentBag<CallResult> results, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            using var request = (n % 3) switch
            {
                0 => Post("openai/v1/chat/completions", ChatBodies.Simple()),
                1 => Post("openai/v1/chat/completions", ChatBodies.Simple(stream: true)),
                _ => Post($"v1/conversations/{conversation}/messages", JsonSerializer.Serialize(new { content = $"{caller} turn {n}", max_tokens = 8 })),
            };
            if (n % 3 == 2)
            {
                request.Headers.Add("Idempotency-Key", $"{caller}-{n}");
            }

            var started = run.Elapsed;
            using var timeout = new CancellationTokenSource(CallTimeout);
            string? failure;
            try
            {
                using var response = await fixture.Http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                failure = response.StatusCode == HttpStatusCode.OK && (n % 3 != 1 || body.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal))
                    ? null
                    : $"{(int)response.StatusCode} {ErrorCode(body)}";
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                Assert.False(timeout.IsCancellationRequested, $"Call {n} of {caller} ({request.RequestUri}) hung for {CallTimeout.TotalSeconds} s: {e}");
                failure = $"{e.GetType().Name} ({e.InnerException?.GetType().Name})";
            }

            results.Add(new CallResult(started, run.Elapsed - started, failure));
        }
    }

    private async Task<string> CreateConversationAsync()
    {
        using var response = await fixture.Http.SendAsync(Post("v1/conversations", """{"model":"speed"}"""));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static string ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("error").GetProperty("code").GetString() ?? "";
        }
        catch (JsonException)
        {
            return "cut-off stream";
        }
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed record CallResult(TimeSpan Started, TimeSpan Duration, string? Failure);
}
