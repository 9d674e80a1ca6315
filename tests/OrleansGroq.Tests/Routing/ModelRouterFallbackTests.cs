using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

public sealed class ModelRouterFallbackTests
{
    [Fact]
    public void The_70b_falls_back_to_the_8b_as_in_the_seed()
    {
        Assert.Equal(Fast, Router().Route(Request("quality")).Fallback?.Id);
    }

    [Fact]
    public void The_fallback_is_the_cheapest_other_model_and_never_compound_even_when_compound_costs_nothing()
    {
        Assert.Equal(OssSmall, Router().Route(Request("speed")).Fallback?.Id);
    }

    [Fact]
    public void Equal_prices_prefer_the_faster_model_then_the_id()
    {
        var catalog = Catalog(
            [
                Model("primary", Everything, 5, 5),
                Model("b-slow", ModelCapabilities.Text, 1, 1, speed: 100),
                Model("c-fast", ModelCapabilities.Text, 1, 1, speed: 900),
                Model("a-fast", ModelCapabilities.Text, 1, 1, speed: 900),
            ]);

        var decision = Router(catalog, new RoutingOptions { RuleModels = AllRulesTo("primary") }).Route(Request("auto"));

        Assert.Equal(("primary", "a-fast"), (decision.Primary?.Id, decision.Fallback?.Id));
    }

    [Fact]
    public void A_configured_fallback_wins_over_the_computed_one()
    {
        var options = new RoutingOptions { Fallbacks = { [Versatile] = Qwen } };

        Assert.Equal(Qwen, Router(options: options).Route(Request("quality")).Fallback?.Id);
    }

    [Fact]
    public void A_configured_fallback_may_name_an_alias()
    {
        var options = new RoutingOptions { Fallbacks = { [Versatile] = "reasoning" } };

        Assert.Equal(OssLarge, Router(options: options).Route(Request("quality")).Fallback?.Id);
    }

    [Fact]
    public void A_configured_fallback_that_lacks_a_need_gives_way_to_the_computed_one()
    {
        var options = new RoutingOptions { Fallbacks = { [OssLarge] = Versatile } };

        var decision = Router(options: options).Route(Request("reasoning", hints: new RoutingHints(null, ModelCapabilities.Reasoning, false)));

        Assert.Equal(OssSmall, decision.Fallback?.Id);
    }

    [Fact]
    public void No_model_with_the_needed_capability_means_no_fallback()
    {
        Assert.Null(Router().Route(Request("auto", ModelCapabilities.Vision)).Fallback);
    }

    [Fact]
    public void A_fallback_must_accept_max_tokens()
    {
        var decision = Router().Route(Request("speed", maxTokens: 70_000));

        Assert.Equal(Fast, decision.Primary?.Id);
        Assert.Null(decision.Fallback);
    }

    [Fact]
    public void A_fallback_must_fit_the_prompt()
    {
        var decision = Router().Route(Request("auto", promptTokens: 200_000));

        Assert.Equal((Kimi, RouteReasons.Context), (decision.Primary?.Id, decision.Reason));
        Assert.Null(decision.Fallback);
    }
}
