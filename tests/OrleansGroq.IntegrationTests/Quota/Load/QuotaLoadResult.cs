namespace OrleansGroq.IntegrationTests.Quota.Load;

/// <summary>What a <see cref="QuotaLoadRun"/> measured, in the benchmark scenario's words.</summary>
internal sealed record QuotaLoadResult(int Nodes, double Load, long Upstream429, double Utilization, long Requests, long Served, long RejectedWithRetryAfter, long Lost)
{
    public override string ToString() =>
        FormattableString.Invariant(
            $"quota: nodes={Nodes} load={Load:0.#}x upstream_429={Upstream429} utilization={Utilization:0.000} served={Served} rejected_with_retry_after={RejectedWithRetryAfter} lost={Lost} requests={Requests}");
}
