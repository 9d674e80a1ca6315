using System.Diagnostics;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// A streamed answer's attempt, whose record waits for the relay: its usage rides on the last chunk. It times the
/// first chunk as the chunks pass on to the relay's own observer, and raises the record once the relay has ended.
/// </summary>
public sealed class StreamedAttempt : ISseObserver
{
    private readonly UpstreamAttemptRecord _answered;
    private readonly UpstreamAttempts _attempts;
    private readonly RequestTrail _trail;
    private readonly Activity? _span;
    private readonly long _headersAt;
    private long? _firstChunkAt;
    private ISseObserver? _inner;
    private int _ended;

    /// <param name="answered">The attempt as its response headers left it, timed up to them.</param>
    /// <param name="span">The attempt's span, ended with the stream.</param>
    internal StreamedAttempt(UpstreamAttemptRecord answered, UpstreamAttempts attempts, RequestTrail trail, Activity? span)
    {
        _answered = answered;
        _attempts = attempts;
        _trail = trail;
        _span = span;
        _headersAt = attempts.Time.GetTimestamp();
    }

    /// <summary>Watches the chunks on their way to <paramref name="inner"/>, the observer the relay reads usage or the reply from.</summary>
    public ISseObserver Watching(ISseObserver inner)
    {
        _inner = inner;
        return this;
    }

    public void OnData(ReadOnlySpan<byte> json)
    {
        _firstChunkAt ??= _attempts.Time.GetTimestamp();
        _inner?.OnData(json);
    }

    /// <summary>Raises the record, once.</summary>
    /// <param name="end">How the relay ended; none when it was cut short because the client went away.</param>
    /// <param name="usage">The usage the stream reported, if it did.</param>
    public void End(SseEnd? end, UsageCounts? usage)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        var time = _attempts.Time;
        var toHeaders = _answered.Duration;
        var attempt = _answered with
        {
            Outcome = AttemptOutcomes.Of(end),
            Duration = toHeaders + time.GetElapsedTime(_headersAt),
            TimeToFirstToken = _firstChunkAt is { } first ? toHeaders + time.GetElapsedTime(_headersAt, first) : null,
            Usage = usage,
        };
        AttemptSpans.End(_span, attempt);
        _attempts.Raise(attempt, _trail);
    }
}
