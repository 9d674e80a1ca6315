namespace OrleansGroq.Grains.Routing;

/// <summary>The request headers a client steers routing with; see <see cref="RoutingHints.TryParse"/>.</summary>
public static class RoutingHeaders
{
    /// <summary>A latency budget in whole milliseconds.</summary>
    public const string MaxLatencyMs = "x-orleansgroq-max-latency-ms";

    /// <summary>A comma-separated list of capabilities: tools, json, strict_json, vision, reasoning.</summary>
    public const string Needs = "x-orleansgroq-needs";

    /// <summary><c>true</c> or <c>false</c> (also <c>1</c> or <c>0</c>).</summary>
    public const string CostSensitive = "x-orleansgroq-cost-sensitive";
}
