using System.Diagnostics;
using System.Net;
using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Cascade;

/// <summary>
/// The failure matrix (ARCHITECTURE.md §5) as code: at most two LLM attempts, the primary and then one of a fallback
/// model, the backup provider, or the same model again, chosen by how the first attempt failed. Retries on the same
/// key and moves between keys happen inside an attempt (the forwarder and its pipeline); what follows two failed
/// attempts is local logic, which is the endpoint's call. Each attempt raises one <see cref="UpstreamAttemptRecord"/>
/// as its usage becomes known: here, or for an answer being streamed, when its relay ends (<see cref="StreamedAttempt"/>).
/// </summary>
public sealed partial class ChatCascade(UpstreamForwarder forwarder, BackupProvider backup, UpstreamAttempts attempts, ILogger<ChatCascade> logger)
{
    private const string FlexTier = "flex";
    private const string GroqProvider = "groq";

    public async ValueTask<CascadeOutcome> RunAsync(CascadePlan plan, CancellationToken cancellationToken)
    {
        using var span = GatewayTelemetry.Source.StartActivity("orleansgroq.cascade");
        plan.Trail.ModelAsked ??= plan.Request.Model;
        var first = await ToGroqAsync(plan, plan.Primary, plan.Body, cancellationToken);
        if (first.Verdict == AttemptVerdict.Answer || SecondAttempt(plan, first.Verdict) is not { } second)
        {
            return first;
        }

        await DiscardAsync(first.Result);
        var outcome = second switch
        {
            Second.FallbackModel => await ToGroqAsync(plan, plan.Fallback!, plan.Body, cancellationToken),
            Second.Backup => await ToBackupAsync(plan, cancellationToken),
            Second.OnDemand => await OnDemandAsync(plan, cancellationToken),
            _ => await ToGroqAsync(plan, plan.Primary, plan.Body, cancellationToken),
        };
        return outcome with
        {
            Result = outcome.Result with { Attempts = first.Result.Attempts + outcome.Result.Attempts, UpstreamElapsed = first.Result.UpstreamElapsed + outcome.Result.UpstreamElapsed },
            Steps = [.. first.Steps, .. outcome.Steps],
        };
    }

    /// <summary>The matrix's second attempt for a failed first one, or none when nothing could do better.</summary>
    private Second? SecondAttempt(CascadePlan plan, AttemptVerdict verdict)
    {
        var fallback = plan.Fallback is not null ? Second.FallbackModel : (Second?)null;
        var backupProvider = backup.IsConfigured ? Second.Backup : (Second?)null;
        return verdict switch
        {
            AttemptVerdict.FlexCapacity when plan.Request.ServiceTier == FlexTier => Second.OnDemand,
            AttemptVerdict.RateLimited => fallback ?? backupProvider,
            AttemptVerdict.TooLarge => fallback,
            AttemptVerdict.SlaExceeded => fallback ?? backupProvider ?? Second.SameModel,
            AttemptVerdict.Unreachable => backupProvider ?? fallback,
            AttemptVerdict.NoUsableKey => backupProvider,
            AttemptVerdict.ServerError => fallback ?? backupProvider,
            _ => null,
        };
    }

    private async ValueTask<CascadeOutcome> ToGroqAsync(CascadePlan plan, ModelSpec model, PooledBody body, CancellationToken cancellationToken)
    {
        var startedAt = attempts.Time.GetUtcNow();
        var span = AttemptSpans.Start(GroqProvider, model.Id, plan.Trail);
        using var rewritten = ModelRewrite.Apply(body, plan.Request, model.Id);
        var result = await forwarder.ForwardChatAsync(
            model.Id, (rewritten ?? body).Memory, plan.Request.Stream, plan.Affinity, cancellationToken, plan.PinnedKey, plan.Demand);
        return Conclude(plan, GroqProvider, model.Id, startedAt, span, result, Judge(result));
    }

    private async ValueTask<CascadeOutcome> ToBackupAsync(CascadePlan plan, CancellationToken cancellationToken)
    {
        var startedAt = attempts.Time.GetUtcNow();
        var model = backup.ModelFor(plan.Primary.Id);
        var span = AttemptSpans.Start(BackupProvider.Name, model, plan.Trail);
        using var rewritten = ModelRewrite.Apply(plan.Body, plan.Request, model);
        var sent = await backup.SendChatAsync(model, (rewritten ?? plan.Body).Memory, plan.Request.Stream, cancellationToken);
        var usage = await UsageOfWholeAnswerAsync(sent.Response, plan.Request.Stream, cancellationToken);
        var result = new ForwardResult(sent.Response, sent.Failure, null, sent.Attempts, sent.Elapsed, sent.RetryAfter, Usage: usage);

        // Relayed, the backup's 401 would read as the client's own token being wrong.
        var verdict = sent.Response?.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? AttemptVerdict.BackupKeyRejected : Judge(result);
        if (verdict == AttemptVerdict.BackupKeyRejected)
        {
            LogBackupKeyRejected((int)sent.Response!.StatusCode);
        }

        return Conclude(plan, BackupProvider.Name, model, startedAt, span, result, verdict);
    }

    private async ValueTask<CascadeOutcome> OnDemandAsync(CascadePlan plan, CancellationToken cancellationToken)
    {
        using var onDemand = ServiceTierRewrite.ToOnDemand(plan.Body);
        return await ToGroqAsync(plan, plan.Primary, onDemand, cancellationToken);
    }

    /// <summary>
    /// The attempt's step, and its record: raised now when its usage is known, or handed to the relay with the outcome
    /// when the answer is a stream still to be relayed.
    /// </summary>
    private CascadeOutcome Conclude(
        CascadePlan plan, string provider, string model, DateTimeOffset startedAt, Activity? span, ForwardResult result, AttemptVerdict verdict)
    {
        var step = new CascadeStep(provider + ":" + model, verdict);
        var status = result.Response is { } response ? (int)response.StatusCode : (int?)null;
        var answered = result.Response is { IsSuccessStatusCode: true };
        var trail = plan.Trail;
        var record = new UpstreamAttemptRecord(
            startedAt, trail.RequestId, trail.Tenant ?? "", provider, model, answered ? model : null, result.Key?.Alias, result.Key?.Account, status,
            AttemptOutcomes.Of(result, verdict), plan.Request.Stream, result.UpstreamElapsed, null, result.Usage);
        if (answered && plan.Request.Stream)
        {
            return new CascadeOutcome(result, model, verdict, [step], new StreamedAttempt(record, attempts, trail, span));
        }

        AttemptSpans.End(span, record);
        attempts.Raise(record, trail);
        return new CascadeOutcome(result, model, verdict, [step]);
    }

    /// <summary>
    /// The usage a whole answer of the backup reports (Groq's is read by the forwarder, as it settles the quota). The
    /// answer was buffered within the attempt, so reading it here leaves it whole for the relay.
    /// </summary>
    private static async ValueTask<UsageCounts?> UsageOfWholeAnswerAsync(HttpResponseMessage? response, bool stream, CancellationToken cancellationToken)
    {
        if (stream || response is not { IsSuccessStatusCode: true })
        {
            return null;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return UsageReader.TryRead(body, out var usage) ? usage : null;
    }

    private static AttemptVerdict Judge(ForwardResult result) => result.Failure switch
    {
        UpstreamFailure.None => (int)result.Response!.StatusCode switch
        {
            413 => AttemptVerdict.TooLarge,
            498 => AttemptVerdict.FlexCapacity,
            >= 500 => AttemptVerdict.ServerError,
            _ => AttemptVerdict.Answer,
        },
        UpstreamFailure.AllKeysRateLimited or UpstreamFailure.QuotaExhausted => AttemptVerdict.RateLimited,
        UpstreamFailure.TooLargeForQuota => AttemptVerdict.TooLarge,
        UpstreamFailure.Timeout => AttemptVerdict.SlaExceeded,
        UpstreamFailure.CircuitOpen => AttemptVerdict.ServerError,
        UpstreamFailure.NoUsableKey => AttemptVerdict.NoUsableKey,
        _ => AttemptVerdict.Unreachable,
    };

    /// <summary>Drops a failed attempt's response; a streamed one's reservation goes back, as nothing was relayed.</summary>
    private static async ValueTask DiscardAsync(ForwardResult result)
    {
        result.Response?.Dispose();
        await (result.Quota?.ReleaseAsync() ?? ValueTask.CompletedTask);
    }

    private enum Second
    {
        FallbackModel,
        Backup,
        OnDemand,
        SameModel,
    }

    [LoggerMessage(EventId = 7010, EventName = "BackupKeyRejected", Level = LogLevel.Warning,
        Message = "The backup provider refused the gateway's key (Backup:ApiKey) with {StatusCode}; requests that reach it get a local answer or 502 backup_unauthorized.")]
    private partial void LogBackupKeyRejected(int statusCode);
}
