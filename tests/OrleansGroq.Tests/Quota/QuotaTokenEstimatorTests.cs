using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Chat;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

public sealed class QuotaTokenEstimatorTests
{
    [Fact]
    public void A_request_reserves_its_prompt_with_a_margin_and_all_of_max_tokens_by_default()
    {
        var estimator = Estimator(new QuotaOptions());

        Assert.Equal(55 + 40, estimator.Reserve(50, 40));
    }

    [Fact]
    public void The_prompt_margin_rounds_up_and_can_be_turned_off()
    {
        Assert.Equal(11 + 2 + 40, Estimator(new QuotaOptions { PromptEstimateMargin = 0.1 }).Reserve(11, 40));
        Assert.Equal(50 + 40, Estimator(new QuotaOptions { PromptEstimateMargin = 0 }).Reserve(50, 40));
    }

    [Fact]
    public void Without_max_tokens_the_default_completion_is_reserved()
    {
        var estimator = Estimator(new QuotaOptions { DefaultCompletionTokens = 300, PromptEstimateMargin = 0 });

        Assert.Equal(50 + 300, estimator.Reserve(50, null));
    }

    [Fact]
    public void A_share_of_max_tokens_is_rounded_up_and_never_negative()
    {
        var estimator = Estimator(new QuotaOptions { MaxTokensShare = 0.25, PromptEstimateMargin = 0 });

        Assert.Equal(10 + 1025, estimator.Reserve(10, 4099));
        Assert.Equal(10, estimator.Reserve(10, -5));
    }

    [Fact]
    public void A_chat_request_is_estimated_from_its_characters_and_messages()
    {
        var estimator = Estimator(new QuotaOptions { PromptEstimateMargin = 0 });
        var request = new ChatRequest { Model = "m", ModelValueRange = default, MessageCount = 3, PromptCharacters = 400, MaxTokens = 100 };

        // 400 characters at 4 a token, plus 4 tokens of framing per message, plus max_tokens.
        Assert.Equal(100 + 12 + 100, estimator.Reserve(request));
    }

    private static QuotaTokenEstimator Estimator(QuotaOptions options) => new(Options.Create(options));
}
