using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Upstream;
using OrleansGroq.Grains.Upstream;

namespace OrleansGroq.Tests.Upstream;

public sealed class UpstreamOutcomesTests
{
    [Fact]
    public async Task A_429_carries_headers_and_error()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"error":{"message":"on requests per minute (RPM): Please try again in 2s.","type":"requests","code":"rate_limit_exceeded"}}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("retry-after", "2");

        var outcome = await UpstreamOutcomes.ReadAsync(response, new FakeTimeProvider(), default);

        Assert.Equal(429, outcome.StatusCode);
        Assert.Equal(new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(2) }, outcome.RateLimits);
        Assert.Equal(new UpstreamError("requests", "rate_limit_exceeded", RateLimitKind.RequestsPerMinute, TimeSpan.FromSeconds(2)), outcome.Error);
    }

    [Fact]
    public async Task A_success_body_is_left_unread_for_streaming()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnreadableContent() };
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "4825");

        var outcome = await UpstreamOutcomes.ReadAsync(response, default);

        Assert.Equal(new UpstreamOutcome(200, new RateLimitSnapshot { RemainingTokens = 4825 }), outcome);
    }

    [Fact]
    public async Task An_unreadable_error_body_gives_no_error()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") };

        var outcome = await UpstreamOutcomes.ReadAsync(response, default);

        Assert.Equal(new UpstreamOutcome(502), outcome);
    }

    private sealed class UnreadableContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            throw new InvalidOperationException("The body of a success must not be read.");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
