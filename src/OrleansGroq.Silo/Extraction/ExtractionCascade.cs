using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Extraction;
using OrleansGroq.Grains.Quota;
using OrleansGroq.Grains.Routing;
using OrleansGroq.Grains.Upstream;
using OrleansGroq.Silo.Cascade;
using OrleansGroq.Silo.Http;
using OrleansGroq.Silo.Telemetry;

namespace OrleansGroq.Silo.Extraction;

/// <summary>
/// One extraction request's LLM calls, each through the cascade every chat completion takes: the model asked, then the
/// fallback configured for it or the backup provider, each attempt admitted by the quota under the request's wait. The
/// first call whose attempts failed, or that needed the cascade's second attempt, spends the extraction's LLM
/// attempts. It keeps what the endpoint answers with: every step taken, the failure that spent the attempts, and the
/// usage of the answers, which the tenant is charged.
/// </summary>
internal sealed class ExtractionCascade(
    ChatCascade cascade, ModelRouter router, QuotaTokenEstimator estimator, string affinity, QuotaDemand demand, RequestTrail trail) : IExtractionPipeline
{
    private readonly List<CascadeStep> _steps = [];
    private UsageCounts? _usage;

    /// <summary>Every attempt of every call, in order.</summary>
    public IReadOnlyList<CascadeStep> Steps => _steps;

    /// <summary>Whether a call moved past its first attempt, which the <c>x-orleansgroq-cascade</c> header shows.</summary>
    public bool Moved { get; private set; }

    /// <summary>The cascade whose attempts failed, after which local logic answered; null when every call was answered.</summary>
    public CascadeOutcome? Failure { get; private set; }

    /// <summary>Whether any call was answered (a completion, or a generation Groq's validation refused), so that the extraction cost its tenant something.</summary>
    public bool Answered { get; private set; }

    /// <summary>What the answered calls used, as Groq reported it; null when no usage was reported.</summary>
    public UsageCounts? Usage => _usage;

    public async ValueTask<ModelReply> AskAsync(ModelSpec model, byte[] body, CancellationToken cancellationToken)
    {
        using var pooled = new PooledBody(body.Length);
        pooled.Append(body);
        if (!ChatRequestReader.TryRead(pooled.Span, out var chat, out var invalid))
        {
            // The body is the gateway's own, from a schema the endpoint checked: a refusal here is a gateway bug.
            throw new InvalidOperationException($"The extraction's own chat request was refused: {invalid.Message}");
        }

        var promptTokens = (body.Length + 3) / 4;
        var route = router.Route(RouteRequest.For(chat, default, promptTokens));
        var plan = new CascadePlan(
            pooled, chat, model, route.Succeeded ? route.Fallback : null, affinity, demand with { EstimatedTokens = estimator.Reserve(promptTokens, null) }, trail);
        var outcome = await cascade.RunAsync(plan, cancellationToken);
        _steps.AddRange(outcome.Steps);
        Moved |= outcome.Steps.Count > 1;
        using var response = outcome.Result.Response;
        if (outcome.Verdict != AttemptVerdict.Answer || response is null)
        {
            Failure = outcome;
            return new ModelReply(null, false, outcome.Model, outcome.Steps.Count, Spent: true);
        }

        var (answer, validateFailed) = ModelAnswers.Read(response.IsSuccessStatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        Answered |= response.IsSuccessStatusCode || validateFailed;
        if (outcome.Result.Usage is { } usage)
        {
            _usage = _usage is { } sum ? new UsageCounts(sum.PromptTokens + usage.PromptTokens, sum.CompletionTokens + usage.CompletionTokens, sum.CachedTokens + usage.CachedTokens) : usage;
        }

        return new ModelReply(answer, validateFailed, outcome.Model, outcome.Steps.Count, Spent: outcome.Steps.Count > 1);
    }
}
