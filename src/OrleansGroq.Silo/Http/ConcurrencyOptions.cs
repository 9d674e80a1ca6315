namespace OrleansGroq.Silo.Http;

/// <summary>How many API requests one node serves at once, bound from <c>Gateway:Concurrency</c>.</summary>
public sealed class ConcurrencyOptions
{
    public const string SectionName = "Gateway:Concurrency";

    /// <summary>
    /// Requests in progress at once, streams included; default 256 per processor. A request mostly waits on the
    /// upstream, so the limit bounds memory and the upstream calls opened rather than CPU. The overload benchmark
    /// (2,000 connections, a 2 s upstream) measured about 85 KB of working set per request held: +171 MiB with all
    /// 2,000 held, +88 MiB on a 2-processor node holding its default 512 and 128 queued. The limit over the upstream's
    /// answer time is the most a node serves (512 / 2 s = 256 requests a second, 15,000 a minute), above what the
    /// rate limits of a typical pool of Groq keys allow, so it bites only when the node is overloaded; a node of
    /// long streams may want more.
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
