using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

public sealed class ModelRouterExplicitTests
{
    [Fact]
    public void An_explicit_id_gets_that_model_and_no_fallback()
    {
        var decision = Router().Route(Request(Versatile));

        Assert.True(decision.Succeeded);
        Assert.Equal(Versatile, decision.Primary.Id);
        Assert.Null(decision.Fallback);
        Assert.Equal(RouteReasons.Explicit, decision.Reason);
    }

    [Fact]
    public void An_explicit_id_is_never_moved_for_headroom_and_headroom_is_not_even_asked()
    {
        var headroom = new FakeModelHeadroom().Set(Fast, 0);

        var decision = Router(headroom: headroom).Route(Request(Fast));

        Assert.Equal(Fast, decision.Primary?.Id);
        Assert.Empty(headroom.Asked);
    }

    [Fact]
    public void Repeated_explicit_requests_reuse_one_decision()
    {
        var router = Router();

        var first = router.Route(Request(Fast, ModelCapabilities.Tools, promptTokens: 10));
        var second = router.Route(Request(Fast, ModelCapabilities.Json, promptTokens: 5000, maxTokens: 100));

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("LLAMA-3.1-8B-INSTANT")]
    [InlineData("")]
    public void An_unknown_model_is_a_404(string model)
    {
        var decision = Router().Route(Request(model));

        Assert.False(decision.Succeeded);
        Assert.Null(decision.Primary);
        Assert.Equal(new RouteError(404, $"The model `{model}` does not exist or you do not have access to it.", "model", "model_not_found"), decision.Error);
    }

    [Fact]
    public void Images_to_a_model_without_vision_are_a_400_naming_model_and_capability()
    {
        var decision = Router().Route(Request(Fast, ModelCapabilities.Vision));

        Assert.Equal(400, decision.Error?.StatusCode);
        Assert.Equal("capability_not_supported", decision.Error?.Code);
        Assert.Equal("messages", decision.Error?.Param);
        Assert.Contains($"`{Fast}`", decision.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("vision", decision.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_json_to_a_model_without_it_is_a_400_on_response_format()
    {
        var decision = Router().Route(Request(Versatile, hints: new RoutingHints(null, ModelCapabilities.StrictJson | ModelCapabilities.Json, false)));

        Assert.Equal(("response_format", "capability_not_supported"), (decision.Error?.Param, decision.Error?.Code));
        Assert.Contains("strict JSON", decision.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Needs_from_the_body_and_from_the_headers_both_count()
    {
        var decision = Router().Route(Request(Scout, ModelCapabilities.Vision, new RoutingHints(null, ModelCapabilities.Reasoning, false)));

        Assert.Equal(("model", "capability_not_supported"), (decision.Error?.Param, decision.Error?.Code));
        Assert.Contains("reasoning", decision.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_with_the_capability_serves_the_request()
    {
        var decision = Router().Route(Request(Scout, ModelCapabilities.Vision | ModelCapabilities.Tools));

        Assert.Equal(Scout, decision.Primary?.Id);
    }

    [Fact]
    public void A_compound_model_takes_no_user_tools()
    {
        var decision = Router().Route(Request(Compound, ModelCapabilities.Tools));

        Assert.Equal(400, decision.Error?.StatusCode);
        Assert.Equal(("tools", "tools_not_supported"), (decision.Error?.Param, decision.Error?.Code));
    }

    [Fact]
    public void A_compound_model_takes_no_user_tools_even_when_its_catalog_entry_lists_tools()
    {
        var catalog = Catalog([Model("omni", Everything, 1, 1), Model(Compound, ModelCapabilities.Text | ModelCapabilities.Tools, 0, 0, tier: "compound")]);
        var options = new RoutingOptions { RuleModels = AllRulesTo("omni") };

        var decision = Router(catalog, options).Route(Request(Compound, ModelCapabilities.Tools));

        Assert.Equal("tools_not_supported", decision.Error?.Code);
    }

    [Fact]
    public void A_compound_model_serves_a_request_without_tools()
    {
        var decision = Router().Route(Request(Compound));

        Assert.Equal(Compound, decision.Primary?.Id);
        Assert.Null(decision.Fallback);
    }

    [Fact]
    public void An_audio_model_does_not_serve_chat()
    {
        var decision = Router().Route(Request(Whisper));

        Assert.Equal(new RouteError(400, $"The model `{Whisper}` does not support chat completions.", "model", "model_not_supported"), decision.Error);
    }

    [Fact]
    public void A_configured_fallback_gives_an_explicit_model_its_fallback()
    {
        var options = new RoutingOptions { Fallbacks = { [Versatile] = Fast } };

        var decision = Router(options: options).Route(Request(Versatile));

        Assert.Equal((Versatile, Fast, RouteReasons.Explicit), (decision.Primary?.Id, decision.Fallback?.Id, decision.Reason));
    }

    [Fact]
    public void A_configured_fallback_that_cannot_serve_the_request_is_dropped_for_an_explicit_model()
    {
        var options = new RoutingOptions { Fallbacks = { [OssLarge] = Versatile } };

        var decision = Router(options: options).Route(Request(OssLarge, hints: new RoutingHints(null, ModelCapabilities.Reasoning, false)));

        Assert.Equal(OssLarge, decision.Primary?.Id);
        Assert.Null(decision.Fallback);
    }

    [Fact]
    public void With_explicit_fallback_allowed_an_id_gets_the_computed_fallback()
    {
        var decision = Router(options: new RoutingOptions { AllowFallbackForExplicitModels = true }).Route(Request(Versatile));

        Assert.Equal((Versatile, Fast, RouteReasons.Explicit), (decision.Primary?.Id, decision.Fallback?.Id, decision.Reason));
    }

    [Fact]
    public void With_explicit_fallback_allowed_an_id_near_its_limit_moves()
    {
        var headroom = new FakeModelHeadroom().Set(Versatile, 0.01);

        var decision = Router(options: new RoutingOptions { AllowFallbackForExplicitModels = true }, headroom: headroom).Route(Request(Versatile));

        Assert.Equal((Fast, RouteReasons.Headroom), (decision.Primary?.Id, decision.Reason));
    }

}
