using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Quota.Load;

/// <summary>Three nodes on one database offered three times Groq's limits for a minute: the cluster leaks nothing.</summary>
public sealed class ThreeNodeQuotaLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_nodes_offered_three_times_the_limits_for_a_minute_cause_no_429_use_the_budget_and_answer_every_request()
    {
        var result = await QuotaLoadRun.RunAsync(nodes: 3, load: 3, TimeSpan.FromMinutes(1));

        output.WriteLine(result.ToString());
        QuotaLoadAssertions.Hold(result);
    }
}
