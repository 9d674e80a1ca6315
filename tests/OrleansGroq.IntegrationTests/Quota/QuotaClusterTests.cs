using OrleansGroq.IntegrationTests.Cluster;
using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>
/// Three silos leasing from one quota grain, offered twice Groq's RPM and TPM: the cluster must cause no 429 and still
/// use at least 90 % of the budget, without a grain call per request.
/// </summary>
public sealed class QuotaClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private GrainCluster _silos = null!;

    public async Task InitializeAsync() => _silos = await GrainCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    [Fact]
    public async Task Three_nodes_offered_twice_the_limits_for_a_minute_cause_no_429_and_use_the_budget()
    {
        await using var cluster = new QuotaClusterSimulation(_silos, nodes: 3);

        var budget = await cluster.RunAsync(TimeSpan.FromMinutes(1));

        var (requests, tokens) = Report(cluster, "first minute, from full buckets", budget, await cluster.SnapshotsAsync());
        Assert.Equal(0, cluster.Groq.RateLimited);
        Assert.True(Math.Max(requests, tokens) >= 0.9, $"utilization {requests:P1} of requests, {tokens:P1} of tokens");
        var statements = await cluster.StatementsAsync();
        Assert.True(statements < cluster.Groq.Admitted / 4.0, $"{statements} grain calls for {cluster.Groq.Admitted} requests");
    }

    [Fact]
    public async Task In_a_second_minute_with_the_buckets_drained_the_cluster_still_causes_no_429_and_uses_the_refill()
    {
        await using var cluster = new QuotaClusterSimulation(_silos, nodes: 3);
        var first = await cluster.RunAsync(TimeSpan.FromMinutes(1));
        var (admitted, charged, statements, rateLimited) = (cluster.Groq.Admitted, cluster.Groq.ChargedTokens, await cluster.StatementsAsync(), cluster.Groq.RateLimited);

        var budget = await cluster.RunAsync(TimeSpan.FromMinutes(1));

        var requests = (cluster.Groq.Admitted - admitted) / budget.Requests;
        var tokens = (cluster.Groq.ChargedTokens - charged) / budget.Tokens;
        output.WriteLine(
            $"quota simulation, second minute, drained buckets: nodes=3 admitted={cluster.Groq.Admitted - admitted} would_be_429={cluster.Groq.RateLimited - rateLimited} " +
            $"utilization_requests={requests:0.000} utilization_tokens={tokens:0.000} store_statements={await cluster.StatementsAsync() - statements}");
        Report(cluster, "both minutes", (first.Requests + budget.Requests, first.Tokens + budget.Tokens), await cluster.SnapshotsAsync());
        Assert.Equal(0, cluster.Groq.RateLimited);
        Assert.True(Math.Max(requests, tokens) >= 0.9, $"utilization {requests:P1} of requests, {tokens:P1} of tokens");
    }

    private (double Requests, double Tokens) Report(QuotaClusterSimulation cluster, string phase, (double Requests, double Tokens) budget, Abstractions.Quota.ModelQuotaSnapshot[] nodes)
    {
        var requests = cluster.Groq.Admitted / budget.Requests;
        var tokens = cluster.Groq.ChargedTokens / budget.Tokens;
        output.WriteLine(
            $"quota simulation, {phase}: nodes={nodes.Length} offered={cluster.Offered} admitted={cluster.Groq.Admitted} refused={cluster.Refused} " +
            $"would_be_429={cluster.Groq.RateLimited} utilization_requests={requests:0.000} utilization_tokens={tokens:0.000} " +
            $"lease_statements={nodes.Sum(n => n.LeaseStatements)} store_statements={nodes.Sum(n => n.StoreStatements)} requests={cluster.Offered} " +
            $"held_in_slices={nodes.Sum(n => n.SliceRequests)}r/{nodes.Sum(n => n.SliceTokens)}t");
        return (requests, tokens);
    }

}
