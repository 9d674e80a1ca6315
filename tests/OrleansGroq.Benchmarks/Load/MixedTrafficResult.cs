namespace OrleansGroq.Benchmarks.Load;

/// <summary>
/// How the requests of a <see cref="MixedTraffic"/> run were answered: served (a stream read to its end), refused with
/// a 429 that carries <c>retry-after</c>, lost (anything else), and lost on a node that was killed while they ran.
/// </summary>
internal sealed record MixedTrafficResult(long Sent, long Served, long RejectedWithRetryAfter, long Lost, long LostOnKilledNode);
