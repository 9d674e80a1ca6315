namespace OrleansGroq.Benchmarks.Load;

/// <summary>How the requests of one <see cref="InteractiveTraffic"/> run were answered.</summary>
/// <param name="Sent">Requests offered.</param>
/// <param name="Served">Answered 2xx; their latencies are in <paramref name="Latency"/>.</param>
/// <param name="Rejected">Answered 429 by the gateway (a refusal, not an upstream 429 reaching the client).</param>
/// <param name="Failed">Any other answer, or none, on a silo that was not killed.</param>
/// <param name="FailedOnKilled">No answer from a silo that was killed while the request ran.</param>
/// <param name="Refused">Attempts whose connection was refused and went to the next silo.</param>
/// <param name="UpstreamAttempts">Upstream attempts of the answered requests, as their <c>x-orleansgroq-attempts</c> said.</param>
/// <param name="Latency">Latency of the served requests, from the moment each was due.</param>
/// <param name="BeforeKill">That of the requests due before a silo was killed (all of them when none was).</param>
/// <param name="AfterKill">That of the requests due after, or null when no silo was killed.</param>
internal sealed record InteractiveResult(
    long Sent, long Served, long Rejected, long Failed, long FailedOnKilled, long Refused, long UpstreamAttempts,
    LatencySummary Latency, LatencySummary BeforeKill, LatencySummary? AfterKill)
{
    public override string ToString() =>
        $"requests={Sent} served={Served} gateway_429={Rejected} failures={Failed} failures_on_killed_silo={FailedOnKilled} refused_connections={Refused} " +
        Percentiles(Latency) + (AfterKill is { } after ? $" | due before the kill: {Percentiles(BeforeKill)} | due after: {Percentiles(after)}" : string.Empty);

    private static string Percentiles(LatencySummary latency) =>
        $"n={latency.Count} p50={latency.P50:0.0}ms p90={latency.P90:0.0}ms p99={latency.P99:0.0}ms max={latency.Max:0.0}ms";
}
