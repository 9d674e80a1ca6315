namespace OrleansGroq.Abstractions.Routing;

/// <summary>One entry of the model catalog, bound from configuration (<c>Models</c>).</summary>
public sealed class ModelSpec
{
    public string Id { get; set; } = "";

    public string OwnedBy { get; set; } = "";

    /// <summary>speed, quality, vision, reasoning, audio or compound.</summary>
    public string Tier { get; set; } = "";

    public int ContextWindow { get; set; }

    public int MaxOutput { get; set; }

    public int SpeedTokensPerSecond { get; set; }

    public decimal InputCostPer1M { get; set; }

    /// <summary>The price of prompt tokens served from Groq's prompt cache; none means <see cref="InputCostPer1M"/>.</summary>
    public decimal? CachedInputCostPer1M { get; set; }

    public decimal OutputCostPer1M { get; set; }

    public ModelCapabilities Capabilities { get; set; }
}
