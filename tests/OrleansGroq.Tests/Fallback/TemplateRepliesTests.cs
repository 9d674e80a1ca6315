using OrleansGroq.Abstractions.Fallback;
using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class TemplateRepliesTests
{
    private static readonly TemplateReplies Defaults = new(FallbackTestOptions.Create());

    [Fact]
    public void The_same_text_always_gets_the_same_template_whatever_its_case_and_spacing()
    {
        var first = Defaults.For("Where is my order?");

        Assert.Equal(first, new TemplateReplies(FallbackTestOptions.Create()).For("where  is my\norder?"));
        Assert.Contains(first, new LocalFallbackOptions().Templates);
    }

    [Fact]
    public void Different_texts_spread_over_the_templates()
    {
        var used = Enumerable.Range(0, 200).Select(i => Defaults.For($"question number {i}")).Distinct().Count();

        Assert.Equal(new LocalFallbackOptions().Templates.Count, used);
    }

    [Fact]
    public void The_default_templates_say_the_service_is_degraded_rather_than_answer()
    {
        Assert.All(new LocalFallbackOptions().Templates, t => Assert.Matches("(?i)unavailable|degraded|could not|no answer|retry|try again", t));
    }

    [Fact]
    public void Blank_templates_are_never_chosen()
    {
        var replies = new TemplateReplies(FallbackTestOptions.Create(o =>
        {
            o.Templates.Clear();
            o.Templates.Add("");
            o.Templates.Add("Only this one.");
            o.Templates.Add("   ");
        }));

        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal("Only this one.", replies.For($"text {i}")));
    }

    [Fact]
    public void The_blocked_reply_comes_from_the_options() =>
        Assert.Equal("No.", new TemplateReplies(FallbackTestOptions.Create(o => o.BlockedReply = "No.")).Blocked);
}
