using System.Diagnostics;

namespace OrleansGroq.Silo.Telemetry;

/// <summary>
/// An LLM attempt's span in the GenAI conventions: <c>chat {model}</c>, a client span around the upstream call (so
/// HttpClient's own span and the W3C <c>traceparent</c> it sends are its children), with the usage once known.
/// </summary>
public static class AttemptSpans
{
    /// <summary>Starts the span; none, and nothing allocated, while no tracer listens.</summary>
    public static Activity? Start(string provider, string model, RequestTrail trail)
    {
        if (!GatewayTelemetry.Source.HasListeners())
        {
            return null;
        }

        var activity = GatewayTelemetry.Source.StartActivity("chat " + model, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.provider.name", provider);
            activity.SetTag("gen_ai.request.model", model);
            if (trail.ConversationId is { } conversation)
            {
                activity.SetTag("gen_ai.conversation.id", conversation);
            }
        }

        return activity;
    }

    /// <summary>Ends the span with how the attempt ended.</summary>
    public static void End(Activity? activity, UpstreamAttemptRecord attempt)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("gen_ai.response.model", attempt.ResponseModel);
            activity.SetTag("orleansgroq.key", attempt.KeyAlias);
            activity.SetTag("http.response.status_code", attempt.StatusCode);
            if (attempt.Usage is { } usage)
            {
                activity.SetTag("gen_ai.usage.input_tokens", usage.PromptTokens);
                activity.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
                activity.SetTag("gen_ai.usage.cache_read.input_tokens", usage.CachedTokens);
            }

            if (attempt.Outcome != AttemptOutcomes.Ok)
            {
                activity.SetTag("error.type", attempt.Outcome);
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        activity.Dispose();
    }
}
