using System.Threading.RateLimiting;
using OrleansGroq.Silo.Errors;

namespace OrleansGroq.Silo.Http;

/// <summary>The node's one concurrency limiter and the answer it gives when full; disposed with the host.</summary>
internal sealed class NodeConcurrency(ConcurrencyOptions options) : IDisposable
{
    public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.EffectiveLimit,
        QueueLimit = options.EffectiveQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>503 <c>overloaded</c> with <c>retry-after</c>.</summary>
    public OpenAiErrorResult Refusal { get; } = GatewayErrors.Overloaded(options.EffectiveLimit, options.EffectiveQueueLimit);

    public void Dispose() => Limiter.Dispose();
}
