using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Grains.Upstream;

/// <summary>Turns an upstream HTTP response into the <see cref="UpstreamOutcome"/> that key and quota grains learn from.</summary>
public static class UpstreamOutcomes
{
    /// <summary>
    /// Reads the status, the rate-limit headers and, for an error status, the error body. A successful body is
    /// never touched, so a stream can still be relayed; an error body is buffered, so it can still be relayed too.
    /// </summary>
    public static ValueTask<UpstreamOutcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ReadAsync(response, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="ReadAsync(HttpResponseMessage, CancellationToken)"/>
    public static async ValueTask<UpstreamOutcome> ReadAsync(HttpResponseMessage response, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(clock);
        var status = (int)response.StatusCode;
        var rateLimits = RateLimitHeaders.Parse(response.Headers, clock.GetUtcNow());
        if (response.IsSuccessStatusCode)
        {
            return new UpstreamOutcome(status, rateLimits);
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new UpstreamOutcome(status, rateLimits, UpstreamErrors.Parse(body));
    }
}
