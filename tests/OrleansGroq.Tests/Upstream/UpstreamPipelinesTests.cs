using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Abstractions.Gateway;
using OrleansGroq.Grains.Upstream;
using Polly.CircuitBreaker;

namespace OrleansGroq.Tests.Upstream;

/// <summary>A caller's bad request is an answer, not a fault: it never trips the breaker that every caller shares.</summary>
public sealed class UpstreamPipelinesTests
{
    private static readonly UpstreamOptions Settings = new()
    {
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.Zero,
        BreakerMinimumThroughput = 2,
        BreakerFailureRatio = 0.5,
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        BreakerBreakDuration = TimeSpan.FromSeconds(30),
    };

    private static async Task<(int Calls, bool Broken)> SendAsync(UpstreamPipelines pipelines, HttpStatusCode status, int requests)
    {
        var pipeline = pipelines.For("groq", "m");
        var calls = 0;
        try
        {
            for (var i = 0; i < requests; i++)
            {
                using var response = await pipeline.ExecuteAsync(_ =>
                {
                    calls++;
                    return ValueTask.FromResult(new HttpResponseMessage(status));
                });
            }
        }
        catch (BrokenCircuitException)
        {
            return (calls, true);
        }

        return (calls, false);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task Client_errors_pass_straight_through_and_never_open_the_breaker(HttpStatusCode status)
    {
        var pipelines = new UpstreamPipelines(Options.Create(Settings), new FakeTimeProvider());

        var (calls, broken) = await SendAsync(pipelines, status, requests: 50);

        Assert.False(broken);
        Assert.Equal(50, calls);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_open_the_breaker()
    {
        var pipelines = new UpstreamPipelines(Options.Create(Settings), new FakeTimeProvider());

        var (calls, broken) = await SendAsync(pipelines, HttpStatusCode.InternalServerError, requests: 50);

        Assert.True(broken);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task With_no_retries_configured_a_server_error_is_sent_once()
    {
        var pipelines = new UpstreamPipelines(Options.Create(new UpstreamOptions { MaxRetries = 0 }), new FakeTimeProvider());

        var (calls, broken) = await SendAsync(pipelines, HttpStatusCode.InternalServerError, requests: 1);

        Assert.False(broken);
        Assert.Equal(1, calls);
    }
}
