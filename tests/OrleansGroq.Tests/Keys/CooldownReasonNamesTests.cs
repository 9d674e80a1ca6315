using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Tests.Keys;

public sealed class CooldownReasonNamesTests
{
    [Theory]
    [InlineData(CooldownReason.RetryAfter, "retry_after")]
    [InlineData(CooldownReason.RequestsPerMinute, "requests_per_minute")]
    [InlineData(CooldownReason.RequestsPerDay, "requests_per_day")]
    [InlineData(CooldownReason.TokensPerMinute, "tokens_per_minute")]
    [InlineData(CooldownReason.TokensPerDay, "tokens_per_day")]
    [InlineData(CooldownReason.AudioSeconds, "audio_seconds")]
    [InlineData(CooldownReason.RateLimited, "rate_limited")]
    public void Each_reason_has_a_stable_name_that_reads_back(CooldownReason reason, string name)
    {
        Assert.Equal(name, CooldownReasonNames.ToName(reason));
        Assert.Equal(reason, CooldownReasonNames.Parse(name));
    }

    [Fact]
    public void Every_reason_has_a_name_and_none_has_none()
    {
        var names = Enum.GetValues<CooldownReason>().Where(r => r != CooldownReason.None).Select(CooldownReasonNames.ToName).ToList();

        Assert.Null(CooldownReasonNames.ToName(CooldownReason.None));
        Assert.Equal(CooldownReason.None, CooldownReasonNames.Parse(null));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, Assert.NotNull);
    }

    [Fact]
    public void A_name_from_a_newer_node_still_means_the_key_cools_down()
    {
        Assert.Equal(CooldownReason.RetryAfter, CooldownReasonNames.Parse("images_per_minute"));
    }
}
