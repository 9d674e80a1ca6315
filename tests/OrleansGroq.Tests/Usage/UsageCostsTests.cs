using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Usage;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Usage;

public sealed class UsageCostsTests
{
    private static readonly UsageCosts Costs = new(Catalog(
    [
        Model(Fast, ModelCapabilities.Text, 0.05m, 0.08m),
        WithCachedPrice(Model(OssSmall, ModelCapabilities.Text, 0.075m, 0.30m), 0.0375m),
    ]));

    [Fact]
    public void Prompt_and_completion_tokens_are_priced_per_million()
    {
        // 1000 * 0.05 + 500 * 0.08 = 90 millionths of a dollar.
        Assert.Equal(0.00009m, Costs.Cost(Fast, 1000, 0, 500));
    }

    [Fact]
    public void Cached_prompt_tokens_take_the_cached_price()
    {
        // 600 * 0.075 + 400 * 0.0375 + 100 * 0.30 = 45 + 15 + 30 millionths.
        Assert.Equal(0.00009m, Costs.Cost(OssSmall, 1000, 400, 100));
    }

    [Fact]
    public void Without_a_cached_price_cached_tokens_cost_as_input()
    {
        Assert.Equal(Costs.Cost(Fast, 1000, 0, 0), Costs.Cost(Fast, 1000, 1000, 0));
    }

    [Fact]
    public void A_model_the_catalog_does_not_price_costs_nothing()
    {
        Assert.Equal(0m, Costs.Cost("backup/some-model", 1000, 0, 1000));
    }

    private static ModelSpec WithCachedPrice(ModelSpec model, decimal price)
    {
        model.CachedInputCostPer1M = price;
        return model;
    }
}
