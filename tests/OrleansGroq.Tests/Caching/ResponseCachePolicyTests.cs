using OrleansGroq.Grains.Caching;
using OrleansGroq.Grains.Chat;

namespace OrleansGroq.Tests.Caching;

public sealed class ResponseCachePolicyTests
{
    [Fact]
    public void A_request_at_temperature_zero_without_streaming_is_cacheable()
    {
        Assert.True(ResponseCachePolicy.IsCacheable(Request(0)));
    }

    [Fact]
    public void A_request_without_a_temperature_is_not_cacheable_because_the_default_is_one()
    {
        Assert.False(ResponseCachePolicy.IsCacheable(Request(null)));
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(1)]
    [InlineData(1e-9)]
    public void A_request_above_temperature_zero_is_not_cacheable(double temperature)
    {
        Assert.False(ResponseCachePolicy.IsCacheable(Request(temperature)));
    }

    [Fact]
    public void A_streaming_request_is_not_cacheable_even_at_temperature_zero()
    {
        Assert.False(ResponseCachePolicy.IsCacheable(Request(0) with { Stream = true }));
    }

    [Fact]
    public void A_missing_request_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ResponseCachePolicy.IsCacheable(null!));
    }

    private static ChatRequest Request(double? temperature) =>
        new() { Model = "llama-3.1-8b-instant", ModelValueRange = 10..32, Temperature = temperature };
}
