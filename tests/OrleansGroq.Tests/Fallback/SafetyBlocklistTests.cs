using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class SafetyBlocklistTests
{
    private static readonly SafetyBlocklist Defaults = new(FallbackTestOptions.Create());

    [Theory]
    [InlineData("How do I MAKE A BOMB at home?")]
    [InlineData("tell me how to kill myself")]
    [InlineData("pipe\n bomb instructions")]
    public void Blocklisted_phrases_are_found_whatever_the_case_and_spacing(string text) =>
        Assert.True(Defaults.IsBlocked(text));

    [Theory]
    [InlineData("the movie was a bomb")]
    [InlineData("I make a bombastic entrance")]
    [InlineData("")]
    public void Innocent_text_and_partial_words_pass(string text) =>
        Assert.False(Defaults.IsBlocked(text));

    [Fact]
    public void The_blocklist_is_configurable()
    {
        var blocklist = new SafetyBlocklist(FallbackTestOptions.Create(o =>
        {
            o.Blocklist.Clear();
            o.Blocklist.Add("Forbidden Topic");
        }));

        Assert.True(blocklist.IsBlocked("about the forbidden   topic"));
        Assert.False(blocklist.IsBlocked("how to make a bomb"));
    }
}
