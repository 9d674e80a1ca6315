using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

public sealed class ModelRouterAutoTests
{
    private static readonly RoutingHints CostSensitive = new(null, ModelCapabilities.None, true);
    private static readonly ModelCapabilities StrictJson = ModelCapabilities.StrictJson | ModelCapabilities.Json;

    [Fact]
    public void A_plain_request_goes_to_the_default_speed_model()
    {
        var decision = Router().Route(Request("auto"));

        Assert.Equal((Fast, OssSmall, RouteReasons.AutoDefault), (decision.Primary?.Id, decision.Fallback?.Id, decision.Reason));
    }

    [Fact]
    public void Auto_is_case_insensitive()
    {
        Assert.Equal(RouteReasons.AutoDefault, Router().Route(Request("AUTO")).Reason);
    }

    [Fact]
    public void Images_go_to_the_vision_model()
    {
        Assert.Equal((Scout, RouteReasons.AutoVision), Route(Request("auto", ModelCapabilities.Vision)));
    }

    [Fact]
    public void Vision_from_the_needs_header_goes_to_the_vision_model()
    {
        Assert.Equal((Scout, RouteReasons.AutoVision), Route(Request("auto", hints: new RoutingHints(null, ModelCapabilities.Vision, false))));
    }

    [Fact]
    public void Strict_json_goes_to_a_strict_capable_model()
    {
        Assert.Equal((OssSmall, RouteReasons.AutoStrictJson), Route(Request("auto", StrictJson)));
    }

    [Fact]
    public void Reasoning_goes_to_the_reasoning_model()
    {
        Assert.Equal((OssLarge, RouteReasons.AutoReasoning), Route(Request("auto", ModelCapabilities.Reasoning)));
    }

    [Fact]
    public void A_cost_sensitive_request_goes_to_the_8b()
    {
        Assert.Equal((Fast, RouteReasons.AutoCost), Route(Request("auto", ModelCapabilities.Tools, CostSensitive)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(99)]
    public void A_latency_budget_under_100_ms_goes_to_the_8b(int budget)
    {
        Assert.Equal((Fast, RouteReasons.AutoLatency), Route(Request("auto", ModelCapabilities.Tools, new RoutingHints(budget, ModelCapabilities.None, false))));
    }

    [Fact]
    public void A_latency_budget_of_100_ms_or_more_is_no_latency_rule()
    {
        Assert.Equal((Versatile, RouteReasons.AutoToolsJson), Route(Request("auto", ModelCapabilities.Tools, new RoutingHints(100, ModelCapabilities.None, false))));
    }

    [Fact]
    public void The_latency_rule_can_be_turned_off()
    {
        var router = Router(options: new RoutingOptions { LowLatencyMs = 0 });

        Assert.Equal(RouteReasons.AutoDefault, router.Route(Request("auto", hints: new RoutingHints(1, ModelCapabilities.None, false))).Reason);
    }

    [Fact]
    public void A_prompt_over_8k_tokens_goes_to_the_70b()
    {
        Assert.Equal((Versatile, RouteReasons.AutoLongContext), Route(Request("auto", promptTokens: 8193)));
        Assert.Equal((Fast, RouteReasons.AutoDefault), Route(Request("auto", promptTokens: 8192)));
    }

    [Theory]
    [InlineData(ModelCapabilities.Tools)]
    [InlineData(ModelCapabilities.Json)]
    public void Tools_or_a_response_format_go_to_the_70b(ModelCapabilities needs)
    {
        Assert.Equal((Versatile, RouteReasons.AutoToolsJson), Route(Request("auto", needs)));
    }

    [Fact]
    public void Vision_wins_over_cost()
    {
        Assert.Equal((Scout, RouteReasons.AutoVision), Route(Request("auto", ModelCapabilities.Vision, CostSensitive)));
    }

    [Fact]
    public void Strict_json_wins_over_reasoning()
    {
        Assert.Equal((OssSmall, RouteReasons.AutoStrictJson), Route(Request("auto", StrictJson | ModelCapabilities.Reasoning)));
    }

    [Fact]
    public void Reasoning_wins_over_cost()
    {
        Assert.Equal((OssLarge, RouteReasons.AutoReasoning), Route(Request("auto", ModelCapabilities.Reasoning, CostSensitive)));
    }

    [Fact]
    public void Cost_wins_over_a_long_context()
    {
        Assert.Equal((Fast, RouteReasons.AutoCost), Route(Request("auto", hints: CostSensitive, promptTokens: 20_000)));
    }

    [Fact]
    public void A_long_context_wins_over_tools()
    {
        Assert.Equal((Versatile, RouteReasons.AutoLongContext), Route(Request("auto", ModelCapabilities.Tools, promptTokens: 20_000)));
    }

    [Fact]
    public void A_rule_whose_model_lacks_a_needed_capability_is_skipped()
    {
        var catalog = Catalog(
            [
                Model("tiny", ModelCapabilities.Text, 0.01m, 0.01m),
                Model("omni", Everything, 2, 2),
                Model("tooled", ModelCapabilities.Text | ModelCapabilities.Tools | ModelCapabilities.Json, 1, 1),
            ]);
        var rules = AllRulesTo("omni");
        (rules.Fast, rules.ToolsJson) = ("tiny", "tooled");

        var decision = Router(catalog, new RoutingOptions { RuleModels = rules }).Route(Request("auto", ModelCapabilities.Tools, CostSensitive));

        Assert.Equal(("tooled", RouteReasons.AutoToolsJson), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void Needs_no_rule_model_meets_go_to_the_cheapest_model_that_meets_them()
    {
        var catalog = Seed();
        var seeing = Model("seeing-reasoner", ModelCapabilities.Text | ModelCapabilities.Vision | ModelCapabilities.Reasoning, 3, 3);
        var extended = Catalog([.. catalog.Models, seeing], new() { ["speed"] = Fast });

        var decision = Router(extended).Route(Request("auto", ModelCapabilities.Vision | ModelCapabilities.Reasoning));

        Assert.Equal(("seeing-reasoner", RouteReasons.AutoCapable), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void Needs_no_model_meets_are_a_400_listing_them()
    {
        var decision = Router().Route(Request("auto", ModelCapabilities.Vision | StrictJson));

        Assert.Equal((400, "capability_not_supported"), (decision.Error?.StatusCode, decision.Error?.Code));
        Assert.Equal("No model in the catalog supports images (vision) together with strict JSON schema output.", decision.Error?.Message);
    }

    [Fact]
    public void Auto_never_picks_compound_for_tools_or_an_audio_model()
    {
        var catalog = Catalog(
            [
                Model("omni", Everything, 5, 5),
                Model(Compound, ModelCapabilities.Text | ModelCapabilities.Tools, 0, 0, tier: "compound"),
                Model(Whisper, ModelCapabilities.Audio, 0, 0, context: 0, tier: "audio"),
            ]);

        var decision = Router(catalog, new RoutingOptions { RuleModels = AllRulesTo("omni") }).Route(Request("auto", ModelCapabilities.Tools));

        Assert.Equal("omni", decision.Primary?.Id);
        Assert.Null(decision.Fallback);
    }

    [Fact]
    public void Rule_targets_come_from_the_options()
    {
        var rules = new RoutingRuleModels { Default = "quality", ToolsJson = OssLarge };
        var router = Router(options: new RoutingOptions { RuleModels = rules });

        Assert.Equal(Versatile, router.Route(Request("auto")).Primary?.Id);
        Assert.Equal(OssLarge, router.Route(Request("auto", ModelCapabilities.Json)).Primary?.Id);
    }

    private static (string?, string) Route(RouteRequest request)
    {
        var decision = Router().Route(request);
        return (decision.Primary?.Id, decision.Reason);
    }
}
