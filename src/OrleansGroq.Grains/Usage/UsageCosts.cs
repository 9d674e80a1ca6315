using OrleansGroq.Grains.Routing;

namespace OrleansGroq.Grains.Usage;

/// <summary>
/// What an attempt's tokens cost at the catalog's prices: uncached prompt tokens at the input price, cached ones at the
/// cached-input price (the input price when the catalog gives none) and completion tokens at the output price. A
/// model the catalog does not list (a backup provider's) costs nothing here, as the catalog knows no price for it.
/// </summary>
public sealed class UsageCosts(ModelCatalog catalog)
{
    private const decimal PerMillion = 1_000_000m;

    public decimal Cost(string model, long promptTokens, long cachedTokens, long completionTokens)
    {
        if (!catalog.TryResolve(model, out var spec))
        {
            return 0;
        }

        var cached = Math.Clamp(cachedTokens, 0, Math.Max(0, promptTokens));
        var uncached = Math.Max(0, promptTokens) - cached;
        return ((uncached * spec.InputCostPer1M)
            + (cached * (spec.CachedInputCostPer1M ?? spec.InputCostPer1M))
            + (Math.Max(0, completionTokens) * spec.OutputCostPer1M)) / PerMillion;
    }
}
