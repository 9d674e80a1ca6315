using System.Text;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Tests.Upstream;

public sealed class UpstreamErrorsTests
{
    private const string Upgrade = "Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing";

    [Fact]
    public void Reads_a_tpm_429()
    {
        var error = Parse($$$"""{"error":{"message":"Rate limit reached for model `llama-3.1-8b-instant` in organization `org_01kmax728xe9ctdatmqhks6xsy` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 3547, Requested 3572. Please try again in 11.19s. {{{Upgrade}}}","type":"tokens","code":"rate_limit_exceeded"}}""");

        Assert.Equal(new UpstreamError("tokens", "rate_limit_exceeded", RateLimitKind.TokensPerMinute, TimeSpan.FromSeconds(11.19)), error);
        Assert.True(error!.IsTokenLimit);
    }

    [Theory]
    [InlineData("requests per minute (RPM): Limit 30, Used 30, Requested 1. Please try again in 2s.", "requests", RateLimitKind.RequestsPerMinute, 20_000_000)]
    [InlineData("requests per day (RPD): Limit 1000, Used 1000, Requested 1. Please try again in 2m59.56s.", "requests", RateLimitKind.RequestsPerDay, 1_795_600_000)]
    [InlineData("tokens per day (TPD): Limit 100000, Used 99000, Requested 1500. Please try again in 1h25m3.847s.", "tokens", RateLimitKind.TokensPerDay, 51_038_470_000)]
    [InlineData("audio seconds per hour (ASH): Limit 7200, Used 7190, Requested 30. Please try again in 185ms.", "audio", RateLimitKind.AudioSecondsPerHour, 1_850_000)]
    [InlineData("audio seconds per day (ASD): Limit 28800. Please try again in 1m7.391999999s.", "audio", RateLimitKind.AudioSecondsPerDay, 673_919_999)]
    public void Reads_which_limit_tripped_and_how_long_to_wait(string tail, string type, RateLimitKind limit, long ticks)
    {
        var error = Parse($$$"""{"error":{"message":"Rate limit reached for model `m` in organization `org_1` service tier `on_demand` on {{{tail}}} {{{Upgrade}}}","type":"{{{type}}}","code":"rate_limit_exceeded"}}""");

        Assert.Equal(new UpstreamError(type, "rate_limit_exceeded", limit, TimeSpan.FromTicks(ticks)), error);
    }

    [Fact]
    public void Reads_a_413_that_names_tpm_but_no_wait()
    {
        var error = Parse("""{"error":{"message":"Request too large for model `llama-3.1-8b-instant` in organization `org_1` service tier `on_demand` on tokens per minute (TPM): Limit 8000, Requested 10013, please reduce your message size and try again.","type":"tokens","code":"rate_limit_exceeded"}}""");

        Assert.Equal(new UpstreamError("tokens", "rate_limit_exceeded", RateLimitKind.TokensPerMinute, null), error);
    }

    [Fact]
    public void Reads_a_401()
    {
        var error = Parse("""{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}""");

        Assert.Equal(new UpstreamError("invalid_request_error", "invalid_api_key", RateLimitKind.Unknown, null), error);
        Assert.False(error!.IsTokenLimit);
    }

    [Fact]
    public void Reads_a_503_without_code()
    {
        var error = Parse("""{"error":{"message":"qwen/qwen3-32b is currently over capacity. Please try again and back off exponentially. Visit https://groqstatus.com to see if there is an active incident.","type":"internal_server_error"}}""");

        Assert.Equal(new UpstreamError("internal_server_error", null, RateLimitKind.Unknown, null), error);
    }

    [Fact]
    public void Reads_a_streamed_error_event_and_skips_unknown_members()
    {
        var error = Parse("""{"id":"x","meta":{"error":{"code":"decoy"},"list":[1,{"a":null}]},"error":{"param":null,"failed_generation":"{\"a\":1}","details":{"code":"nested"},"message":"Please try again in 1.5s.","code":"rate_limit_exceeded","type":"requests","status_code":429}}""");

        Assert.Equal(new UpstreamError("requests", "rate_limit_exceeded", RateLimitKind.Unknown, TimeSpan.FromSeconds(1.5)), error);
    }

    [Fact]
    public void Escaped_text_is_unescaped_before_it_is_read()
    {
        var error = Parse("""{"error":{"message":"on tokens per minute \u0028TPM\u0029: Please try again in 7.66s\u002E","type":"tokens"}}""");

        Assert.Equal(new UpstreamError("tokens", null, RateLimitKind.TokensPerMinute, TimeSpan.FromSeconds(7.66)), error);
    }

    [Fact]
    public void Non_string_members_are_ignored()
    {
        var error = Parse("""{"error":{"message":42,"type":["tokens"],"code":null}}""");

        Assert.Equal(new UpstreamError(null, null, RateLimitKind.Unknown, null), error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"error\"")]
    [InlineData("{}")]
    [InlineData("""{"foo":1}""")]
    [InlineData("""{"error":"Invalid API Key"}""")]
    [InlineData("""{"error":null}""")]
    [InlineData("""{"error":{"message":"Please try again in 1s","type":"tokens""")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    public void Malformed_bodies_give_null(string body)
    {
        Assert.Null(Parse(body));
    }

    [Theory]
    [InlineData("Limit 30 (RPM)", RateLimitKind.RequestsPerMinute)]
    [InlineData("model (preview) on requests per day (RPD)", RateLimitKind.RequestsPerDay)]
    [InlineData("(XYZ) then (TPD)", RateLimitKind.TokensPerDay)]
    [InlineData("(tpm)", RateLimitKind.Unknown)]
    [InlineData("(TPM", RateLimitKind.Unknown)]
    [InlineData("TPM", RateLimitKind.Unknown)]
    [InlineData("(", RateLimitKind.Unknown)]
    [InlineData("", RateLimitKind.Unknown)]
    public void Finds_the_limit_in_a_message(string message, RateLimitKind limit)
    {
        Assert.Equal(limit, UpstreamErrors.ParseLimitKind(message));
    }

    [Theory]
    [InlineData("Please try again in 11.19s. Need more tokens?", 111_900_000)]
    [InlineData("Please try again in 2m59.56s.", 1_795_600_000)]
    [InlineData("PLEASE TRY AGAIN IN 7s", 70_000_000)]
    [InlineData("try again in 185ms, or upgrade", 1_850_000)]
    public void Finds_the_wait_in_a_message(string message, long ticks)
    {
        Assert.True(UpstreamErrors.TryParseRetryIn(message, out var retryIn));
        Assert.Equal(TimeSpan.FromTicks(ticks), retryIn);
    }

    [Theory]
    [InlineData("please reduce your message size and try again.")]
    [InlineData("Please try again in a moment.")]
    [InlineData("Please try again in ")]
    [InlineData("Please try again in -5s.")]
    [InlineData("")]
    public void A_message_without_a_wait_gives_none(string message)
    {
        Assert.False(UpstreamErrors.TryParseRetryIn(message, out _));
    }

    private static UpstreamError? Parse(string body) => UpstreamErrors.Parse(Encoding.UTF8.GetBytes(body));
}
