using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

public sealed class ModelRouterHeadroomTests
{
    [Fact]
    public void A_model_with_budget_left_keeps_the_request_and_only_it_is_asked()
    {
        var headroom = new FakeModelHeadroom().Set(Fast, 0.5);

        var decision = Router(headroom: headroom).Route(Request("speed"));

        Assert.Equal((Fast, "alias:speed"), (decision.Primary?.Id, decision.Reason));
        Assert.Equal([Fast], headroom.Asked);
    }

    [Fact]
    public void A_model_near_its_limit_hands_the_request_to_the_capable_model_with_most_headroom()
    {
        var headroom = new FakeModelHeadroom().Set(Fast, 0.05).Set(OssSmall, 0.5).Set(Scout, 0.9).Set(OssLarge, 0.6).Set(Qwen, 0.6).Set(Versatile, 0.2).Set(Kimi, 0.3);

        var decision = Router(headroom: headroom).Route(Request("speed"));

        Assert.Equal((Scout, RouteReasons.Headroom), (decision.Primary?.Id, decision.Reason));
        Assert.Equal(Fast, decision.Fallback?.Id);
    }

    [Fact]
    public void Equal_headroom_goes_to_the_cheaper_model()
    {
        var headroom = new FakeModelHeadroom().Set(Versatile, 0);

        var decision = Router(headroom: headroom).Route(Request("quality"));

        Assert.Equal(Fast, decision.Primary?.Id);
    }

    [Fact]
    public void Exactly_at_the_threshold_is_not_near_the_limit()
    {
        var headroom = new FakeModelHeadroom().Set(Fast, 0.1);

        Assert.Equal(Fast, Router(headroom: headroom).Route(Request("speed")).Primary?.Id);
    }

    [Fact]
    public void When_no_model_has_more_headroom_the_chosen_one_stays()
    {
        var headroom = new FakeModelHeadroom();
        foreach (var model in Seed().Models)
        {
            headroom.Set(model.Id, 0.02);
        }

        var decision = Router(headroom: headroom).Route(Request("speed"));

        Assert.Equal((Fast, "alias:speed"), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void Only_a_model_with_every_needed_capability_takes_over()
    {
        var headroom = new FakeModelHeadroom().Set(Scout, 0);

        var decision = Router(headroom: headroom).Route(Request("auto", ModelCapabilities.Vision));

        Assert.Equal((Scout, RouteReasons.AutoVision), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void A_cost_sensitive_request_never_moves_to_a_pricier_model()
    {
        var headroom = new FakeModelHeadroom().Set(OssSmall, 0.01).Set(Fast, 0.5);
        var hints = new RoutingHints(null, ModelCapabilities.None, true);

        var strict = Router(headroom: headroom).Route(Request("auto", ModelCapabilities.StrictJson | ModelCapabilities.Json, hints));

        Assert.Equal((OssSmall, RouteReasons.AutoStrictJson), (strict.Primary?.Id, strict.Reason));
    }

    [Fact]
    public void A_cost_sensitive_request_may_move_to_a_cheaper_model()
    {
        var headroom = new FakeModelHeadroom().Set(OssLarge, 0.01).Set(OssSmall, 0.5);
        var hints = new RoutingHints(null, ModelCapabilities.Reasoning, true);

        var decision = Router(headroom: headroom).Route(Request("auto", hints: hints));

        Assert.Equal((OssSmall, RouteReasons.Headroom), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void A_threshold_of_zero_turns_headroom_routing_off()
    {
        var headroom = new FakeModelHeadroom().Set(Fast, 0);

        var decision = Router(options: new RoutingOptions { HeadroomThreshold = 0 }, headroom: headroom).Route(Request("speed"));

        Assert.Equal(Fast, decision.Primary?.Id);
    }

    [Fact]
    public void The_threshold_comes_from_the_options()
    {
        var headroom = new FakeModelHeadroom().Set(Fast, 0.4);

        var decision = Router(options: new RoutingOptions { HeadroomThreshold = 0.5 }, headroom: headroom).Route(Request("speed"));

        Assert.Equal((OssSmall, RouteReasons.Headroom), (decision.Primary?.Id, decision.Reason));
    }
}
