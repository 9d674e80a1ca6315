using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

public sealed class ModelRouterAliasTests
{
    [Theory]
    [InlineData("speed", Fast, OssSmall)]
    [InlineData("quality", Versatile, Fast)]
    [InlineData("vision", Scout, Fast)]
    [InlineData("reasoning", OssLarge, Fast)]
    public void Each_chat_alias_names_its_model_and_gets_a_fallback(string alias, string primary, string fallback)
    {
        var decision = Router().Route(Request(alias));

        Assert.Equal((primary, fallback, "alias:" + alias), (decision.Primary?.Id, decision.Fallback?.Id, decision.Reason));
    }

    [Fact]
    public void The_audio_alias_does_not_serve_chat()
    {
        var decision = Router().Route(Request("audio"));

        Assert.Equal(("model_not_supported", "alias:audio"), (decision.Error?.Code, decision.Reason));
        Assert.Contains($"`{Whisper}`", decision.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_are_case_insensitive_and_their_reason_is_lower_case()
    {
        var decision = Router().Route(Request("Speed"));

        Assert.Equal((Fast, "alias:speed"), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void An_alias_whose_model_lacks_a_needed_capability_moves_to_the_cheapest_capable_model()
    {
        var decision = Router().Route(Request("speed", ModelCapabilities.Vision));

        Assert.Equal((Scout, RouteReasons.Capability), (decision.Primary?.Id, decision.Reason));
        Assert.Null(decision.Fallback);
    }

    [Fact]
    public void An_alias_whose_need_no_model_has_is_a_400_naming_the_alias_model()
    {
        var needs = new RoutingHints(null, ModelCapabilities.Vision | ModelCapabilities.StrictJson | ModelCapabilities.Json, false);

        var decision = Router().Route(Request("quality", hints: needs));

        Assert.Equal("capability_not_supported", decision.Error?.Code);
        Assert.Contains($"`{Versatile}`", decision.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_alias_fallback_has_every_needed_capability()
    {
        var decision = Router().Route(Request("reasoning", hints: new RoutingHints(null, ModelCapabilities.Reasoning, false)));

        Assert.Equal((OssLarge, OssSmall), (decision.Primary?.Id, decision.Fallback?.Id));
    }

    [Fact]
    public void An_id_is_matched_before_an_alias_of_the_same_name()
    {
        var catalog = Catalog([Model("omni", Everything, 1, 1), Model("speed", Everything, 2, 2)], new() { ["speed"] = "omni" });

        var decision = Router(catalog, new RoutingOptions { RuleModels = AllRulesTo("omni") }).Route(Request("speed"));

        Assert.Equal(("speed", RouteReasons.Explicit), (decision.Primary?.Id, decision.Reason));
    }
}
