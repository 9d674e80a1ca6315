using System.Net;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Gateway;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansGroq.Grains.Upstream;

/// <summary>
/// One Polly pipeline per provider and model: retry with backoff (outermost), a circuit breaker,
/// and a per-attempt timeout. 429 and other 4xx are answers, not faults: they pass straight through
/// so the key grain can learn from them. An attempt that outlives the latency SLA is not retried on the
/// same model: the failure matrix sends it to a smaller model instead, which is the cascade's call.
/// </summary>
internal sealed class UpstreamPipelines(IOptions<UpstreamOptions> options, TimeProvider timeProvider)
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    public ResiliencePipeline<HttpResponseMessage> For(string provider, string model) =>
        _registry.GetOrAddPipeline<HttpResponseMessage>($"{provider}/{model}", Build);

    private void Build(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        var o = options.Value;
        builder.TimeProvider = timeProvider;

        // Polly refuses a retry strategy of zero attempts; Upstream:MaxRetries 0 means no retry, so none is added.
        if (o.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsRetryable(args.Outcome)),
                MaxRetryAttempts = o.MaxRetries,
                Delay = o.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = static args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = o.BreakerMinimumThroughput,
                SamplingDuration = o.BreakerSamplingDuration,
                BreakDuration = o.BreakerBreakDuration,
            })
            .AddTimeout(o.AttemptTimeout);
    }

    internal static bool IsRetryable(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is not TimeoutRejectedException && IsTransient(outcome);

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
        _ => false,
    };
}
