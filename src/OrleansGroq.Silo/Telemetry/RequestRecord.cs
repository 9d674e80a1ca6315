namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// One finished API request, as its log line, the gateway's request metrics and <c>GET /admin/requests</c> see it.
/// Tokens are the sums of its LLM attempts' usage; none when no attempt reported usage.
/// </summary>
/// <param name="Time">When the request arrived.</param>
/// <param name="RequestId">The <c>x-request-id</c> answered.</param>
/// <param name="Tenant">The caller's tenant; none when it was not authenticated.</param>
/// <param name="Endpoint">The route it took (e.g. <c>/openai/v1/chat/completions</c>), or its path when none matched.</param>
/// <param name="ModelAsked">The model the request named, as it came (an id or an alias).</param>
/// <param name="UsedModel">The model that answered, as <c>x-orleansgroq-model</c> named it.</param>
/// <param name="Key">The key alias of the last attempt, as <c>x-orleansgroq-key</c> named it.</param>
/// <param name="Status">The status code answered.</param>
/// <param name="Attempts">HTTP attempts upstream, retries included, as <c>x-orleansgroq-attempts</c> counted them.</param>
/// <param name="Cascade">The LLM attempts (cascade steps), in order.</param>
/// <param name="ConversationId">The conversation the request was a turn of.</param>
/// <param name="DegradedCause">Why local logic answered, when it did.</param>
/// <param name="PromptTokens">Prompt tokens of every attempt.</param>
/// <param name="CompletionTokens">Completion tokens of every attempt.</param>
/// <param name="Own">The gateway's own time: the request's duration less its time waiting on the upstream.</param>
/// <param name="Upstream">The time spent waiting on the upstream.</param>
public sealed record RequestRecord(
    DateTimeOffset Time,
    string RequestId,
    string? Tenant,
    string Endpoint,
    string? ModelAsked,
    string? UsedModel,
    string? Key,
    int Status,
    int Attempts,
    IReadOnlyList<UpstreamAttemptRecord> Cascade,
    string? ConversationId,
    string? DegradedCause,
    long? PromptTokens,
    long? CompletionTokens,
    TimeSpan Own,
    TimeSpan Upstream)
{
    /// <summary>The cascade's steps as <c>provider:model</c>, e.g. <c>groq:llama-3.1-8b-instant</c>.</summary>
    public IEnumerable<string> CascadeTargets() => Cascade.Select(a => a.Provider + ":" + a.RequestModel);
}
