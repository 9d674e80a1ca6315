using OrleansGroq.Abstractions.Routing;
using OrleansGroq.Grains.Routing;
using static OrleansGroq.Tests.Routing.RoutingFixtures;

namespace OrleansGroq.Tests.Routing;

public sealed class ModelRouterContextTests
{
    private static readonly ModelCatalog Sized = Catalog(
        [
            Model("small", Everything, 0.1m, 0.1m, context: 4096, maxOutput: 4096),
            Model("medium", Everything, 0.5m, 0.5m, context: 32_768),
            Model("unsized", Everything, 0.2m, 0.2m, context: 0, maxOutput: 0),
        ],
        new() { ["cheap"] = "small" });

    private static readonly RoutingOptions SmallRules = new() { RuleModels = AllRulesTo("small") };

    [Fact]
    public void A_prompt_that_fits_stays_on_its_model()
    {
        var decision = Router(Sized, SmallRules).Route(Request("auto", promptTokens: 3000, maxTokens: 1096));

        Assert.Equal(("small", RouteReasons.AutoDefault), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void A_prompt_over_the_context_window_moves_to_a_larger_model_when_allowed()
    {
        var decision = Router(Sized, SmallRules).Route(Request("cheap", promptTokens: 5000));

        Assert.Equal(("medium", RouteReasons.Context), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void Max_tokens_counts_toward_the_context_window()
    {
        var decision = Router(Sized, SmallRules).Route(Request("auto", promptTokens: 3000, maxTokens: 1097));

        Assert.Equal(("medium", RouteReasons.Context), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void An_explicit_model_that_is_too_small_is_a_400_naming_the_sizes_and_the_max_tokens_to_lower()
    {
        var decision = Router(Sized, SmallRules).Route(Request("small", promptTokens: 3000, maxTokens: 2000));

        Assert.Equal(
            new RouteError(
                400,
                "The request needs about 3000 prompt tokens plus 2000 max_tokens (5000 in all), more than the 4096-token context window of `small`. "
                + "The request names this model, so it is not moved to a larger one. Shorten the messages or lower max_tokens.",
                "max_tokens",
                "context_length_exceeded"),
            decision.Error);
    }

    [Fact]
    public void The_context_error_names_the_field_the_client_sent()
    {
        var request = Request("small", promptTokens: 3000, maxTokens: 2000) with { MaxTokensParam = "max_completion_tokens" };

        var decision = Router(Sized, SmallRules).Route(request);

        Assert.Equal("max_completion_tokens", decision.Error?.Param);
        Assert.Contains("2000 max_completion_tokens", decision.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_too_long_by_itself_is_the_messages_fault()
    {
        var decision = Router(Sized, SmallRules).Route(Request("small", promptTokens: 5000, maxTokens: 10));

        Assert.Equal("messages", decision.Error?.Param);
    }

    [Fact]
    public void Max_tokens_over_an_explicit_models_completion_limit_is_a_400_before_groq_sees_it()
    {
        var catalog = Catalog([Model("short", Everything, 0.1m, 0.1m, context: 131_072, maxOutput: 8192)]);

        var decision = Router(catalog, new RoutingOptions { RuleModels = AllRulesTo("short") }).Route(Request("short", maxTokens: 8193));

        Assert.Equal(("max_tokens", "integer_above_max_value", 400), (decision.Error?.Param, decision.Error?.Code, decision.Error?.StatusCode));
        Assert.StartsWith("`max_tokens` must be less than or equal to `8192`", decision.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_tokens_over_a_movable_models_completion_limit_moves_to_a_model_that_can_write_that_much()
    {
        var catalog = Catalog(
            [
                Model("short", Everything, 0.1m, 0.1m, maxOutput: 8192),
                Model("long", Everything, 0.5m, 0.5m, maxOutput: 65_536),
            ],
            new() { ["fast"] = "short" });

        var decision = Router(catalog, new RoutingOptions { RuleModels = AllRulesTo("short") }).Route(Request("fast", maxTokens: 10_000));

        Assert.Equal(("long", RouteReasons.Context), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void A_prompt_no_model_can_hold_is_a_400_even_when_moving_is_allowed()
    {
        var decision = Router(Sized, SmallRules).Route(Request("cheap", promptTokens: 40_000));

        Assert.Equal(
            "The request needs about 40000 prompt tokens, more than the 4096-token context window of `small`. "
            + "No model in the catalog with a larger context window can serve it. Shorten the messages or lower max_tokens.",
            decision.Error?.Message);
        Assert.Equal("context_length_exceeded", decision.Error?.Code);
        Assert.Equal("messages", decision.Error?.Param);
    }

    [Fact]
    public void A_model_of_unknown_size_is_not_checked_but_is_no_target_for_a_long_prompt()
    {
        var router = Router(Sized, SmallRules);

        Assert.Equal("unsized", router.Route(Request("unsized", promptTokens: 1_000_000)).Primary?.Id);
        Assert.Equal("context_length_exceeded", router.Route(Request("auto", promptTokens: 1_000_000)).Error?.Code);
    }

    [Fact]
    public void With_explicit_fallback_allowed_an_explicit_model_that_is_too_small_moves()
    {
        var options = new RoutingOptions { RuleModels = AllRulesTo("small"), AllowFallbackForExplicitModels = true };

        var decision = Router(Sized, options).Route(Request("small", promptTokens: 5000));

        Assert.Equal(("medium", RouteReasons.Context), (decision.Primary?.Id, decision.Reason));
    }

    [Fact]
    public void The_larger_model_must_have_every_needed_capability()
    {
        var catalog = Catalog(
            [
                Model("small", Everything, 0.1m, 0.1m, context: 4096),
                Model("large-blind", ModelCapabilities.Text, 0.2m, 0.2m, context: 65_536),
            ]);

        var decision = Router(catalog, SmallRules).Route(Request("auto", ModelCapabilities.Vision, promptTokens: 5000));

        Assert.Equal("context_length_exceeded", decision.Error?.Code);
    }
}
