using Microsoft.AspNetCore.Http;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Tests.Upstream;

public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_all_seven_headers_of_a_response()
    {
        using var response = Response(
            ("x-ratelimit-limit-requests", "14400"),
            ("x-ratelimit-limit-tokens", "6000"),
            ("x-ratelimit-remaining-requests", "14370"),
            ("x-ratelimit-remaining-tokens", "4825"),
            ("x-ratelimit-reset-requests", "2m59.56s"),
            ("x-ratelimit-reset-tokens", "7.66s"),
            ("retry-after", "2"));

        var snapshot = RateLimitHeaders.Parse(response.Headers, Now);

        Assert.Equal(
            new RateLimitSnapshot
            {
                LimitRequests = 14400,
                RemainingRequests = 14370,
                ResetRequests = TimeSpan.FromSeconds(179.56),
                LimitTokens = 6000,
                RemainingTokens = 4825,
                ResetTokens = TimeSpan.FromSeconds(7.66),
                RetryAfter = TimeSpan.FromSeconds(2),
            },
            snapshot);
    }

    [Fact]
    public void A_response_without_the_headers_gives_null()
    {
        using var response = Response(("server", "cloudflare"), ("x-request-id", "req_1"));

        Assert.Null(RateLimitHeaders.Parse(response.Headers, Now));
    }

    [Fact]
    public void An_rpm_429_without_token_headers_keeps_what_it_has()
    {
        using var response = Response(("retry-after", "2"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "1m26.4s"));

        var snapshot = RateLimitHeaders.Parse(response.Headers, Now)!;

        Assert.Equal(0, snapshot.RemainingRequests);
        Assert.Equal(TimeSpan.FromSeconds(86.4), snapshot.ResetRequests);
        Assert.Null(snapshot.RemainingTokens);
        Assert.Null(snapshot.ResetTokens);
    }

    [Theory]
    [InlineData("x-ratelimit-remaining-tokens", "-1")]
    [InlineData("x-ratelimit-remaining-tokens", "12.5")]
    [InlineData("x-ratelimit-remaining-tokens", "abc")]
    [InlineData("x-ratelimit-remaining-tokens", "")]
    [InlineData("x-ratelimit-remaining-tokens", "99999999999999999999999")]
    [InlineData("x-ratelimit-reset-tokens", "7.66")]
    [InlineData("x-ratelimit-reset-tokens", "soon")]
    [InlineData("x-ratelimit-reset-tokens", "-1s")]
    [InlineData("retry-after", "abc")]
    [InlineData("retry-after", "-1")]
    [InlineData("retry-after", "1e3")]
    [InlineData("retry-after", "Thu, 01 Jan 2026 00:00:30")]
    public void A_malformed_header_counts_as_absent_and_spoils_nothing_else(string name, string value)
    {
        using var response = Response(("x-ratelimit-limit-tokens", "6000"), (name, value));

        var snapshot = RateLimitHeaders.Parse(response.Headers, Now)!;

        Assert.Equal(new RateLimitSnapshot { LimitTokens = 6000 }, snapshot);
    }

    [Fact]
    public void Values_are_trimmed()
    {
        using var response = Response(("x-ratelimit-remaining-tokens", " 42 "), ("x-ratelimit-reset-tokens", " 1s "));

        var snapshot = RateLimitHeaders.Parse(response.Headers, Now)!;

        Assert.Equal(42, snapshot.RemainingTokens);
        Assert.Equal(TimeSpan.FromSeconds(1), snapshot.ResetTokens);
    }

    [Fact]
    public void The_first_of_repeated_values_wins()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", ["10", "20"]);

        Assert.Equal(10, RateLimitHeaders.Parse(response.Headers, Now)!.RemainingTokens);
    }

    [Theory]
    [InlineData("2", 20_000_000)]
    [InlineData("0", 0)]
    [InlineData("2.5", 25_000_000)]
    [InlineData("0.25", 2_500_000)]
    [InlineData(".5", 5_000_000)]
    [InlineData(" 3 ", 30_000_000)]
    [InlineData("Thu, 01 Jan 2026 00:00:30 GMT", 300_000_000)]
    [InlineData("Wed, 31 Dec 2025 23:59:00 GMT", 0)]
    public void Retry_after_is_seconds_or_an_http_date(string value, long ticks)
    {
        Assert.True(RateLimitHeaders.TryParseRetryAfter(value, Now, out var delay));
        Assert.Equal(TimeSpan.FromTicks(ticks), delay);
    }

    [Fact]
    public void An_http_date_retry_after_is_measured_from_the_response_date()
    {
        using var response = Response(("date", "Thu, 01 Jan 2026 00:00:10 GMT"), ("retry-after", "Thu, 01 Jan 2026 00:00:30 GMT"));

        var snapshot = RateLimitHeaders.Parse(response.Headers, Now.AddHours(1))!;

        Assert.Equal(TimeSpan.FromSeconds(20), snapshot.RetryAfter);
    }

    [Fact]
    public void Reads_an_aspnetcore_header_dictionary()
    {
        var headers = new HeaderDictionary
        {
            ["X-RateLimit-Remaining-Requests"] = "7",
            ["X-RateLimit-Reset-Requests"] = "1m26.4s",
            ["Retry-After"] = "1.5",
        };

        var snapshot = RateLimitHeaders.Parse(headers, Now)!;

        Assert.Equal(new RateLimitSnapshot { RemainingRequests = 7, ResetRequests = TimeSpan.FromSeconds(86.4), RetryAfter = TimeSpan.FromSeconds(1.5) }, snapshot);
    }

    [Fact]
    public void Reads_any_header_source_through_a_lookup()
    {
        var headers = new Dictionary<string, string> { ["x-ratelimit-remaining-tokens"] = "0", ["x-ratelimit-reset-tokens"] = "185ms" };

        var snapshot = RateLimitHeaders.Parse(headers, static (h, name) => h.GetValueOrDefault(name), Now)!;

        Assert.Equal(new RateLimitSnapshot { RemainingTokens = 0, ResetTokens = TimeSpan.FromMilliseconds(185) }, snapshot);
    }

    [Fact]
    public void Parsing_allocates_only_the_snapshot()
    {
        using var full = Response(
            ("x-ratelimit-limit-requests", "14400"),
            ("x-ratelimit-limit-tokens", "6000"),
            ("x-ratelimit-remaining-requests", "14370"),
            ("x-ratelimit-remaining-tokens", "4825"),
            ("x-ratelimit-reset-requests", "2m59.56s"),
            ("x-ratelimit-reset-tokens", "7.66s"));
        using var bare = Response(("x-request-id", "req_1"));
        for (var i = 0; i < 100; i++)
        {
            RateLimitHeaders.Parse(full.Headers, Now);
            RateLimitHeaders.Parse(bare.Headers, Now);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RateLimitHeaders.Parse(bare.Headers, Now);
        }

        var bareBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RateLimitHeaders.Parse(full.Headers, Now);
        }

        var fullBytesPerParse = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;

        Assert.Equal(0, bareBytes);
        Assert.InRange(fullBytesPerParse, 1, 160);
    }

    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            Assert.True(response.Headers.TryAddWithoutValidation(name, value));
        }

        return response;
    }
}
