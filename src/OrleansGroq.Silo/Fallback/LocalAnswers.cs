using OrleansGroq.Grains.Fallback;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Errors;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Fallback;

/// <summary>
/// What follows two failed LLM attempts, for every kind of chat work: a local answer marked as degraded when the
/// client allows one, else a truthful error naming the cause, with when to try again.
/// </summary>
public sealed class LocalAnswers(LocalFallback fallback, DegradedCompletionWriter writer)
{
    public IResult Answer(HttpContext context, CascadeOutcome outcome, PooledBody body, string model, bool stream, bool allowed)
    {
        ForwardResponses.Stamp(context, outcome.Result, model);
        outcome.Result.Response?.Dispose();
        if (allowed && RequestTrail.Of(context) is { } trail)
        {
            trail.DegradedCause = CauseOf(outcome);
        }

        return allowed ? new DegradedAnswerResult(writer, fallback.Answer(body.Span, CauseOf(outcome)), model, stream) : Refuse(outcome, model);
    }

    /// <summary>The truthful error for failed LLM attempts when the client refuses a local answer.</summary>
    public static OpenAiErrorResult Refuse(CascadeOutcome outcome, string model)
    {
        var retryAfter = outcome.Result.RetryAfter ?? TimeSpan.FromSeconds(1);
        return outcome.Verdict is AttemptVerdict.BackupKeyRejected || (outcome.Verdict is AttemptVerdict.ServerError && outcome.EndedOnBackup)
            ? GatewayErrors.BackupFailed(model, outcome.Verdict is AttemptVerdict.BackupKeyRejected, retryAfter)
            : GatewayErrors.DegradedRefused(model, CauseOf(outcome), retryAfter);
    }

    /// <summary>Why the LLM attempts failed, as the degraded answer and the refusal name it.</summary>
    public static string CauseOf(CascadeOutcome outcome) => outcome.Verdict switch
    {
        AttemptVerdict.BackupKeyRejected => "backup_unauthorized",
        AttemptVerdict.ServerError when outcome.EndedOnBackup => "backup_error",
        AttemptVerdict.NoUsableKey => "no_upstream_key",
        AttemptVerdict.SlaExceeded => "upstream_timeout",
        AttemptVerdict.Unreachable => "upstream_unreachable",
        AttemptVerdict.FlexCapacity => "flex_capacity_exceeded",
        _ => "upstream_error",
    };
}
