using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Cascade;

/// <summary>
/// What the cascade ended with: the last attempt's result and the model that produced it, its verdict, and every
/// step taken. A failed verdict means the LLM attempts are spent. An answer to be streamed carries its attempt, whose
/// record its relay raises when the stream ends.
/// </summary>
public sealed record CascadeOutcome(ForwardResult Result, string Model, AttemptVerdict Verdict, IReadOnlyList<CascadeStep> Steps, StreamedAttempt? Streamed = null)
{
    /// <summary>The attempts failed in a way local logic may answer for (rate limits and size have truthful errors instead).</summary>
    public bool Failed => Verdict is AttemptVerdict.SlaExceeded or AttemptVerdict.Unreachable or AttemptVerdict.NoUsableKey or AttemptVerdict.ServerError
        or AttemptVerdict.FlexCapacity or AttemptVerdict.BackupKeyRejected;

    /// <summary>The last attempt went to the backup provider, so a failure is the backup's to name.</summary>
    public bool EndedOnBackup => Steps.Count > 0 && Steps[^1].Target.StartsWith(BackupProvider.Name + ":", StringComparison.Ordinal);

    /// <summary>The steps for the <c>x-orleansgroq-cascade</c> header, e.g. <c>groq:llama-3.3-70b-versatile=server_error,groq:llama-3.1-8b-instant=answer</c>.</summary>
    public string Describe() => Describe(Steps);

    /// <summary>Steps, of one cascade or of several in a row, in the <c>x-orleansgroq-cascade</c> header's form.</summary>
    public static string Describe(IEnumerable<CascadeStep> steps) => string.Join(',', steps.Select(s => $"{s.Target}={Name(s.Verdict)}"));

    private static string Name(AttemptVerdict verdict) => verdict switch
    {
        AttemptVerdict.Answer => "answer",
        AttemptVerdict.RateLimited => "rate_limited",
        AttemptVerdict.TooLarge => "too_large",
        AttemptVerdict.FlexCapacity => "flex_capacity",
        AttemptVerdict.SlaExceeded => "sla_exceeded",
        AttemptVerdict.Unreachable => "unreachable",
        AttemptVerdict.NoUsableKey => "no_usable_key",
        AttemptVerdict.BackupKeyRejected => "key_rejected",
        _ => "server_error",
    };
}
