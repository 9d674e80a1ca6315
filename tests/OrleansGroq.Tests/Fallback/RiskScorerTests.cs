using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class RiskScorerTests
{
    private static readonly RiskScorer Scorer = new(FallbackTestOptions.Create());

    [Theory]
    [InlineData("hello there", 0.0)]
    [InlineData("send the OTP", 0.1)]
    [InlineData("URGENT: your bank transfer is blocked", 0.4)]
    [InlineData("you won lottery, click here", 0.4)]
    [InlineData("Urgent! Your account is blocked, verify now: share OTP via UPI", 0.8)]
    public void Keywords_add_a_tenth_and_scam_phrases_a_fifth(string text, double expected) =>
        Assert.Equal(expected, Scorer.Score(text));

    [Fact]
    public void The_score_is_capped_at_one()
    {
        const string text = "UPI OTP bank transfer urgent blocked won lottery your account verify now click here";

        Assert.Equal(1.0, Scorer.Score(text));
    }

    [Fact]
    public void A_keyword_counts_once_however_often_it_appears() =>
        Assert.Equal(0.1, Scorer.Score("otp otp OTP Otp"));

    [Theory]
    [InlineData("the embankment was flooded")]
    [InlineData("online banking app")]
    [InlineData("hotpot and cupid")]
    public void Keywords_match_whole_words_only(string text) =>
        Assert.Equal(0.0, Scorer.Score(text));

    [Fact]
    public void Phrases_match_across_any_spacing_and_case() =>
        Assert.Equal(0.2, Scorer.Score("Please CLICK\n\t  HERE"));

    [Fact]
    public void Weights_and_words_are_configurable()
    {
        var scorer = new RiskScorer(FallbackTestOptions.Create(o =>
        {
            o.RiskKeywords.Add("crypto");
            o.RiskKeywordWeight = 0.25;
            o.ScamPatternWeight = 0.5;
        }));

        Assert.Equal(1.0, scorer.Score("crypto bank, click here"));
        Assert.Equal(0.5, scorer.Score("crypto bank"));
    }
}
