namespace OrleansGroq.Abstractions.Routing;

/// <summary>
/// How the gateway chooses a model for <c>auto</c>, for aliases and, when allowed, for explicit ids: bound from
/// <c>Routing</c>, validated at start against the model catalog.
/// </summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Routing";

    /// <summary>An <c>auto</c> prompt estimated above this many tokens goes to <see cref="RoutingRuleModels.LongContext"/> (seed 001 §1.3: over 8K).</summary>
    public int LongContextTokens { get; set; } = 8192;

    /// <summary>An <c>auto</c> request whose latency budget is under this many milliseconds goes to <see cref="RoutingRuleModels.Fast"/>; 0 turns the rule off.</summary>
    public int LowLatencyMs { get; set; } = 100;

    /// <summary>
    /// An <c>auto</c> request with a latency budget goes to the capable model with headroom whose successful attempts
    /// on this silo were fastest lately (lowest median), among those measured at least this many times; until one is,
    /// <see cref="LowLatencyMs"/> applies. 0 turns the live rule off.
    /// </summary>
    public int LatencyMinSamples { get; set; } = 5;

    /// <summary>
    /// A model whose remaining budget is below this fraction (0 to 1) is near its limit, and a request that may be
    /// rerouted moves to a capable model with more headroom; 0 turns headroom routing off.
    /// </summary>
    public double HeadroomThreshold { get; set; } = 0.1;

    /// <summary>
    /// Model id to the model id tried once when it fails: an explicit chain that wins over the computed fallback, and
    /// the only way an explicitly named model gets a fallback while <see cref="AllowFallbackForExplicitModels"/> is off.
    /// </summary>
    public Dictionary<string, string> Fallbacks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a request that names a model id may be moved (headroom, context) and given a computed fallback as
    /// aliases and <c>auto</c> are. Off by default: a client that names a model gets that model or a clear error.
    /// </summary>
    public bool AllowFallbackForExplicitModels { get; set; }

    /// <summary>The models the <c>auto</c> rules send requests to, so that no rule hard-codes an id.</summary>
    public RoutingRuleModels RuleModels { get; set; } = new();
}
