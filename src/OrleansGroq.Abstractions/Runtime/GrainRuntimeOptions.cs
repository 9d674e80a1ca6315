namespace OrleansGroq.Abstractions.Runtime;

/// <summary>Settings of the local grain runtime, bound from the configuration section <c>Grains</c>.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Grains";

    /// <summary>How long an activation may go without a call before it is collected (Orleans' default: 15 minutes).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for; an idle activation lives at most CollectionAge plus this.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);
}
