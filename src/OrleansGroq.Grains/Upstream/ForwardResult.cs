using OrleansGroq.Abstractions.Keys;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// What forwarding a request produced: the upstream response to relay (any status; the caller
/// disposes it) or a failure, with the key used, the number of HTTP attempts and the time spent upstream; and for a
/// streamed answer the budget reservation still to settle once its usage is known; for a whole answer the usage Groq
/// reported, when the quota read it.
/// </summary>
public readonly record struct ForwardResult(
    HttpResponseMessage? Response,
    UpstreamFailure Failure,
    ApiKeyInfo? Key,
    int Attempts,
    TimeSpan UpstreamElapsed,
    TimeSpan? RetryAfter,
    QuotaHold? Quota = null,
    UsageCounts? Usage = null);
