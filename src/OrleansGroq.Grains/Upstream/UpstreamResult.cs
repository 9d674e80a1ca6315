namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// The outcome of one logical upstream call: a response (any status; the caller owns and disposes it)
/// or a failure, with how many HTTP attempts it took and how long it spent upstream.
/// </summary>
public readonly record struct UpstreamResult(
    HttpResponseMessage? Response,
    UpstreamFailure Failure,
    int Attempts,
    TimeSpan Elapsed,
    TimeSpan? RetryAfter);
