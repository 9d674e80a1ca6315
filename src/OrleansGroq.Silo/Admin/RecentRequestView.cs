namespace OrleansGroq.Silo.Admin;

/// <summary>One API request as <c>GET /admin/requests</c> shows it (the fields of its log line).</summary>
/// <param name="RequestId">The <c>x-request-id</c> answered.</param>
/// <param name="Time">When it arrived (UTC).</param>
/// <param name="Tenant">The caller's tenant; null when it was not authenticated.</param>
/// <param name="Endpoint">The route it took, e.g. <c>/openai/v1/chat/completions</c>.</param>
/// <param name="Model">The model it named (an id or an alias), as it came.</param>
/// <param name="UsedModel">The model that answered.</param>
/// <param name="Key">The key alias used last.</param>
/// <param name="Status">The status code answered.</param>
/// <param name="Attempts">HTTP attempts upstream, retries included.</param>
/// <param name="Cascade">The LLM attempts as <c>provider:model</c>, in order.</param>
/// <param name="Degraded">Why local logic answered in the model's place; null for a model's answer.</param>
/// <param name="PromptTokens">Prompt tokens over its attempts; null when none reported usage.</param>
/// <param name="CompletionTokens">Completion tokens over its attempts; null when none reported usage.</param>
/// <param name="OwnMs">The gateway's own time, in milliseconds.</param>
/// <param name="UpstreamMs">The time waiting on the upstream, in milliseconds.</param>
internal sealed record RecentRequestView(
    string RequestId,
    DateTime Time,
    string? Tenant,
    string Endpoint,
    string? Model,
    string? UsedModel,
    string? Key,
    int Status,
    int Attempts,
    IReadOnlyList<string> Cascade,
    string? Degraded,
    long? PromptTokens,
    long? CompletionTokens,
    double OwnMs,
    double UpstreamMs);
