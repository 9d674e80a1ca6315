namespace OrleansGroq.Abstractions.Routing;

/// <summary>The model catalog and its aliases, bound from the configuration section <c>Models</c>.</summary>
public sealed class ModelCatalogOptions
{
    public const string SectionName = "Models";

    public List<ModelSpec> Catalog { get; set; } = [];

    /// <summary>Alias to model id, e.g. <c>speed</c> to <c>llama-3.1-8b-instant</c>.</summary>
    public Dictionary<string, string> Aliases { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
