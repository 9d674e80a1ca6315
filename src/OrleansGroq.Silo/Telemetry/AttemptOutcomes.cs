using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Http;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// The <see cref="UpstreamAttemptRecord.Outcome"/> names: <c>ok</c>, or what went wrong, as a short fixed set fit for
/// a metric's <c>error.type</c> (the status code, when there was one, is on the record beside it).
/// </summary>
public static class AttemptOutcomes
{
    public const string Ok = "ok";

    /// <summary>An attempt that ended before any stream was relayed: a whole answer, an error status or no response at all.</summary>
    public static string Of(ForwardResult result, AttemptVerdict verdict) => result.Failure switch
    {
        UpstreamFailure.None => verdict switch
        {
            AttemptVerdict.Answer => result.Response!.IsSuccessStatusCode ? Ok : "client_error",
            AttemptVerdict.TooLarge => "too_large",
            AttemptVerdict.FlexCapacity => "flex_capacity",
            AttemptVerdict.BackupKeyRejected => "key_rejected",
            _ => "server_error",
        },
        UpstreamFailure.Timeout => "timeout",
        UpstreamFailure.CircuitOpen => "circuit_open",
        UpstreamFailure.AllKeysRateLimited => "rate_limited",
        UpstreamFailure.QuotaExhausted => "quota_exhausted",
        UpstreamFailure.TooLargeForQuota => "too_large",
        UpstreamFailure.NoUsableKey => "no_usable_key",
        _ => "unreachable",
    };

    /// <summary>A streamed answer, by how its relay ended (none: the client went away).</summary>
    public static string Of(SseEnd? end) => end switch
    {
        SseEnd.Done => Ok,
        SseEnd.UpstreamError => "upstream_error",
        SseEnd.Malformed => "malformed",
        SseEnd.Interrupted => "interrupted",
        _ => "cancelled",
    };
}
