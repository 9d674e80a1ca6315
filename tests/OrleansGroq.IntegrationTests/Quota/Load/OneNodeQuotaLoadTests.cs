using Xunit.Abstractions;

namespace OrleansGroq.IntegrationTests.Quota.Load;

/// <summary>One node offered three times Groq's limits for a minute: no 429 upstream, the budget used, nothing lost.</summary>
public sealed class OneNodeQuotaLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_node_offered_three_times_the_limits_for_a_minute_causes_no_429_uses_the_budget_and_answers_every_request()
    {
        var result = await QuotaLoadRun.RunAsync(nodes: 1, load: 3, TimeSpan.FromMinutes(1));

        output.WriteLine(result.ToString());
        QuotaLoadAssertions.Hold(result);
    }
}
