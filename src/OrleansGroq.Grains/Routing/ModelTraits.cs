using OrleansGroq.Abstractions.Routing;

namespace OrleansGroq.Grains.Routing;

/// <summary>What routing reads from a catalog entry beyond its capability flags.</summary>
internal static class ModelTraits
{
    private const string CompoundTier = "compound";

    /// <summary>Groq's compound systems run their own tools, so they never take a request's tools and never stand in for another model.</summary>
    public static bool IsCompound(this ModelSpec model) => string.Equals(model.Tier, CompoundTier, StringComparison.OrdinalIgnoreCase);

    /// <summary>Input plus output price per million tokens: the order in which alternatives are preferred.</summary>
    public static decimal Price(this ModelSpec model) => model.InputCostPer1M + model.OutputCostPer1M;

    /// <summary>Whether the model has every capability in <paramref name="needs"/>; a compound model never satisfies a need for tools.</summary>
    public static bool Satisfies(this ModelSpec model, ModelCapabilities needs) =>
        (model.Capabilities & needs) == needs && !(needs.HasFlag(ModelCapabilities.Tools) && model.IsCompound());
}
