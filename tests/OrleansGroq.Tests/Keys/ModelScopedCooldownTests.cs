using OrleansGroq.Abstractions.Keys;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Tests.Keys;

/// <summary>Groq limits each model apart: a 429 on one model cools the key for that model only.</summary>
public sealed class ModelScopedCooldownTests
{
    private const string Large = "llama-3.3-70b-versatile";
    private const string Small = "llama-3.1-8b-instant";

    private static readonly UpstreamError TpmError = new("tokens", "rate_limit_exceeded", RateLimitKind.TokensPerMinute, TimeSpan.FromSeconds(20));

    [Fact]
    public async Task A_429_on_one_model_leaves_the_key_usable_for_another()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));

        var status = await ReportAsync(host, Large, TimeSpan.FromSeconds(20));

        Assert.Equal(Large, status.CoolingModel);
        Assert.False(host.Pool.Select("s", model: Large).Found);
        Assert.Equal("a", host.Pool.Select("s", model: Small).Key!.Alias);
        Assert.False(host.Pool.Select("s").Found);
        Assert.Equal(host.Now.AddSeconds(20), host.Pool.Select("s", model: Large).RetryAt);
    }

    [Fact]
    public async Task A_429_on_a_second_model_while_cooling_for_the_first_cools_the_key_for_every_model()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        await ReportAsync(host, Large, TimeSpan.FromSeconds(20));

        var status = await ReportAsync(host, Small, TimeSpan.FromSeconds(5));

        Assert.Null(status.CoolingModel);
        Assert.Equal(host.Now.AddSeconds(20), status.CoolingUntil);
        Assert.False(host.Pool.Select("s", model: Small).Found);
        Assert.False(host.Pool.Select("s", model: "openai/gpt-oss-20b").Found);
        Assert.Equal(2, host.Grains["a"].Reports);
    }

    [Fact]
    public async Task Once_a_model_cooldown_ends_the_next_one_is_scoped_to_its_own_model()
    {
        await using var host = await KeyTestHost.StartAsync(("a", "org-a"));
        await ReportAsync(host, Large, TimeSpan.FromSeconds(20));
        host.Clock.Advance(TimeSpan.FromSeconds(21));

        var status = await ReportAsync(host, Small, TimeSpan.FromSeconds(5));

        Assert.Equal(Small, status.CoolingModel);
        Assert.True(host.Pool.Select("s", model: Large).Found);
    }

    private static ValueTask<ApiKeyStatus> ReportAsync(KeyTestHost host, string model, TimeSpan retryAfter) =>
        host.ReportAsync("a", 429, new RateLimitSnapshot { RetryAfter = retryAfter }, TpmError, model);
}
