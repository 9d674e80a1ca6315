namespace OrleansGroq.Silo.Http;

/// <summary>How many API requests one node serves at once, bound from <c>Gateway:Concurrency</c>.</summary>
public sealed class ConcurrencyOptions
{
    public const string SectionName = "Gateway:Concurrency";

    /// <summary>
    /// Requests in progress at once, streams included; default 256 per processor. A request mostly waits on the
    /// upstream, so the limit bounds memory and the upstream calls opened rather than CPU. The overload benchmark
    /// measured about 75 KB of working set per request held (2,000 held against a 2 s upstream: +147 MiB), so a node
    /// at its default limit and queue stays within some 60 MiB per processor above idle; and 256 per processor still
    /// lets each processor have 256 answers a second in flight at a 1 s upstream latency, far more than the rate limits
    /// of a typical pool of Groq keys allow, so the limit only bites when the node is overloaded.
    /// </summary>
    public int? Limit { get; set; }

    /// <summary>
    /// Requests that wait for a slot once the limit is reached, oldest first; default a quarter of the limit, a burst
    /// that waits about one upstream answer's time. The rest get 503 <c>overloaded</c> at once.
    /// </summary>
    public int? QueueLimit { get; set; }

    public int EffectiveLimit => Limit ?? 256 * Environment.ProcessorCount;

    public int EffectiveQueueLimit => QueueLimit ?? EffectiveLimit / 4;
}
