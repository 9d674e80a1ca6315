namespace OrleansGroq.Grains.Routing;

/// <summary>
/// The reasons a <see cref="RouteDecision"/> gives: a fixed set (plus <c>alias:</c> and the configured alias names),
/// so they can label metrics. A reroute replaces the reason it started from.
/// </summary>
public static class RouteReasons
{
    /// <summary>The client named a catalog id.</summary>
    public const string Explicit = "explicit";

    /// <summary>Prefix of <c>alias:speed</c> and the like.</summary>
    public const string AliasPrefix = "alias:";

    public const string AutoVision = "auto:vision";
    public const string AutoStrictJson = "auto:strict_json";
    public const string AutoReasoning = "auto:reasoning";
    public const string AutoCost = "auto:cost";
    public const string AutoLatency = "auto:latency";

    /// <summary>A latency budget, and the live statistics named the fastest capable model with headroom.</summary>
    public const string AutoFastest = "auto:fastest";

    public const string AutoLongContext = "auto:long_context";
    public const string AutoToolsJson = "auto:tools_json";
    public const string AutoDefault = "auto:default";

    /// <summary><c>auto</c> found no rule target able to serve the request and took the cheapest capable model.</summary>
    public const string AutoCapable = "auto:capable";

    /// <summary>The chosen model lacked a capability the request needs; the cheapest capable model took it.</summary>
    public const string Capability = "capability";

    /// <summary>The chosen model was near its limit; the capable model with most headroom took the request.</summary>
    public const string Headroom = "headroom";

    /// <summary>The prompt did not fit the chosen model's context window, or max_tokens its completion limit; a model with room took it.</summary>
    public const string Context = "context";
}
