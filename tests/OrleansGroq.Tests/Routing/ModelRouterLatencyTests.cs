using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

/// <summary>The latency rule over live statistics: a budget sends <c>auto</c> to the fastest capable model with headroom.</summary>
public sealed class ModelRouterLatencyTests
{
    private static readonly RoutingHints Budget = new(2000, ModelCapabilities.None, false);

    [Fact]
    public void A_budget_goes_to_the_model_that_was_fastest_lately()
    {
        var latency = new FakeModelLatency().Set(Fast, 900).Set(Versatile, 200).Set(OssLarge, 350);

        var decision = Router(latency: latency).Route(Request("auto", ModelCapabilities.Tools, Budget));

        Assert.Equal((Versatile, RouteReasons.AutoFastest), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void A_model_measured_fewer_times_than_the_minimum_does_not_compete()
    {
        var latency = new FakeModelLatency().Set(Fast, 900).Set(Versatile, 200, samples: 4);

        Assert.Equal(Fast, Router(latency: latency).Route(Request("auto", hints: Budget)).Primary?.Id);
    }

    [Fact]
    public void A_fast_model_near_its_limit_loses_to_the_next_fastest_with_headroom()
    {
        var latency = new FakeModelLatency().Set(Fast, 900).Set(Versatile, 200).Set(OssLarge, 350);
        var headroom = new FakeModelHeadroom().Set(Versatile, 0.05);

        var decision = Router(headroom: headroom, latency: latency).Route(Request("auto", hints: Budget));

        Assert.Equal((OssLarge, RouteReasons.AutoFastest), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void An_exhausted_model_has_no_headroom_even_with_headroom_routing_off()
    {
        var latency = new FakeModelLatency().Set(Fast, 900).Set(Versatile, 200);
        var headroom = new FakeModelHeadroom().Set(Versatile, 0);

        var decision = Router(options: new RoutingOptions { HeadroomThreshold = 0 }, headroom: headroom, latency: latency)
            .Route(Request("auto", hints: Budget));

        Assert.Equal(Fast, decision.Primary?.Id);
    }

    [Fact]
    public void A_fast_model_that_cannot_serve_the_request_does_not_compete()
    {
        var latency = new FakeModelLatency().Set(Fast, 900).Set(Versatile, 200).Set(OssLarge, 350);

        var decision = Router(latency: latency).Route(Request("auto", hints: Budget, maxTokens: 40_000));

        Assert.Equal(OssLarge, decision.Primary?.Id);
    }

    [Fact]
    public void Equal_medians_go_to_the_cheaper_model()
    {
        var latency = new FakeModelLatency().Set(OssLarge, 300).Set(Versatile, 300);

        Assert.Equal(OssLarge, Router(latency: latency).Route(Request("auto", hints: Budget)).Primary?.Id);
    }

    [Fact]
    public void Without_a_budget_live_statistics_do_not_route()
    {
        var latency = new FakeModelLatency().Set(Fast, 900).Set(Versatile, 200);

        Assert.Equal((Fast, RouteReasons.AutoDefault), Route(Router(latency: latency), Request("auto")));
    }

    [Fact]
    public void Capability_rules_come_before_the_budget()
    {
        var latency = new FakeModelLatency().Set(Versatile, 200).Set(OssLarge, 350);

        Assert.Equal((OssLarge, RouteReasons.AutoReasoning), Route(Router(latency: latency), Request("auto", ModelCapabilities.Reasoning, Budget)));
    }

    [Fact]
    public void An_alias_keeps_its_model_whatever_the_budget()
    {
        var latency = new FakeModelLatency().Set(Fast, 100).Set(Versatile, 900);

        Assert.Equal(Versatile, Router(latency: latency).Route(Request("quality", hints: Budget)).Primary?.Id);
    }

    [Fact]
    public void Until_a_model_is_measured_a_tight_budget_still_goes_to_the_8b()
    {
        Assert.Equal((Fast, RouteReasons.AutoLatency), Route(Router(), Request("auto", hints: new RoutingHints(50, ModelCapabilities.None, false))));
    }

    [Fact]
    public void The_live_rule_can_be_turned_off()
    {
        var latency = new FakeModelLatency().Set(Fast, 900).Set(Versatile, 200);

        var decision = Router(options: new RoutingOptions { LatencyMinSamples = 0 }, latency: latency).Route(Request("auto", hints: Budget));

        Assert.Equal((Fast, RouteReasons.AutoDefault), (decision.Primary?.Id, decision.Reason));
    }

    private static (string? Model, string Reason) Route(ModelRouter router, RouteRequest request)
    {
        var decision = router.Route(request);
        return (decision.Primary?.Id, decision.Reason);
    }
}
