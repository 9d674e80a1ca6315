using System.Net;
using OrleansGroq.Emulator;
using OrleansGroq.IntegrationTests.Infrastructure;

namespace OrleansGroq.IntegrationTests.Gateway;

/// <summary>
/// Past its concurrency limit and short queue a node refuses API requests at once, cleanly, without calling the
/// upstream; its health and admin routes still answer, and it serves again as soon as the load drops. The overload
/// benchmark (<c>overload --connections 2000</c>) measures the same at scale, with memory.
/// </summary>
public sealed class OverloadTests
{
    private const int Limit = 8;
    private const int Queue = 8;
    private const int Concurrent = 64;
    private static readonly TestKey Key = new("k1", "org_overload", "gsk_test_overload_key");

    [Fact]
    public async Task Requests_past_the_limit_and_queue_get_503_overloaded_and_the_node_recovers()
    {
        await using var upstream = await TestUpstream.StartAsync([Key], new Dictionary<string, string>
        {
            ["Gateway:Concurrency:Limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Concurrency:QueueLimit"] = Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var http = upstream.Gateway.Http;
        upstream.Emulator.Control.AddFault(new FaultRule { Kind = FaultKind.Latency, DelayMs = 1500 });

        var load = Enumerable.Range(0, Concurrent).Select(_ => http.SendAsync(ChatBodies.Post(ChatBodies.Simple()))).ToList();
        var pending = load.ToList();
        Task<HttpResponseMessage> first;
        do
        {
            first = await Task.WhenAny(pending);
            pending.Remove(first);
        }
        while ((await first).StatusCode != HttpStatusCode.ServiceUnavailable);

        // A refusal means every slot and the queue are taken: the node's own routes must still answer.
        using var live = await http.GetAsync("health/live");
        using var ready = await http.GetAsync("health/ready");
        using var runtime = await http.GetAsync("admin/runtime");
        var answers = await Task.WhenAll(load);
        var upstreamCalls = upstream.Emulator.Control.GetStats().Totals.Requests;
        upstream.Emulator.Control.ClearFaults();
        using var after = await http.SendAsync(ChatBodies.Post(ChatBodies.Simple()));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, runtime.StatusCode);
        var served = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(Concurrent, served + refused.Count);
        Assert.InRange(served, Limit + Queue, Concurrent - 1);
        foreach (var refusal in refused)
        {
            Assert.Equal("overloaded", (await refusal.ErrorAsync()).GetProperty("code").GetString());
            Assert.InRange(refusal.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
            Assert.NotEmpty(refusal.Header("x-request-id"));
            Assert.Equal("0", refusal.Header("x-orleansgroq-attempts"));
        }

        Assert.Equal(served, upstreamCalls);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }
}
