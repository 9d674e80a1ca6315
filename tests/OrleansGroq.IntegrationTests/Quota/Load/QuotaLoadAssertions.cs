namespace OrleansGroq.IntegrationTests.Quota.Load;

/// <summary>The bar for a quota run.</summary>
internal static class QuotaLoadAssertions
{
    public static void Hold(QuotaLoadResult result)
    {
        Assert.Equal(0, result.Upstream429);
        Assert.True(result.Utilization >= 0.9, $"utilization {result.Utilization:P1} is below 90 %");
        Assert.Equal(0, result.Lost);
        Assert.Equal(result.Requests, result.Served + result.RejectedWithRetryAfter);
        Assert.True(result.RejectedWithRetryAfter > 0, "the load did not exceed the limits");
    }
}
