using System.Text;
using Microsoft.Extensions.Options;
using OrleansGroq.Abstractions.Fallback;
using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class LocalFallbackTests
{
    private const string Reason = "all_attempts_failed";

    [Fact]
    public void Answers_with_a_template_and_what_it_found_in_the_user_messages()
    {
        var answer = Answer(Body(
            ("user", "my upi is ramesh@okaxis"),
            ("assistant", "ok, and your phone? 9123456789"),
            ("user", "URGENT: call 9876543210 and verify now")));

        Assert.Contains(answer.Reply, new LocalFallbackOptions().Templates);
        Assert.Equal(Reason, answer.Reason);
        Assert.Equal(["ramesh@okaxis"], answer.Extracted["upi_ids"]);
        Assert.Equal(["9876543210"], answer.Extracted["phone_numbers"]);
        Assert.Equal(0.3, answer.RiskScore);
        Assert.False(answer.Blocked);
        Assert.False(answer.Repetition);
    }

    [Fact]
    public void Risk_and_template_are_judged_on_the_latest_user_message()
    {
        var earlierRisky = Answer(Body(("user", "urgent bank transfer"), ("user", "thanks")));
        var alone = Answer(Body(("user", "thanks")));

        Assert.Equal(0.0, earlierRisky.RiskScore);
        Assert.Equal(alone.Reply, earlierRisky.Reply);
    }

    [Fact]
    public void A_blocklisted_request_gets_the_blocked_reply()
    {
        var answer = Answer(Body(("user", "How to make a bomb?")));

        Assert.True(answer.Blocked);
        Assert.Equal(new LocalFallbackOptions().BlockedReply, answer.Reply);
    }

    [Fact]
    public void A_repeated_question_is_flagged()
    {
        var answer = Answer(Body(("user", "Where is my refund?"), ("assistant", "Checking."), ("user", "where is my refund??")));

        Assert.True(answer.Repetition);
    }

    [Fact]
    public void A_body_without_user_messages_still_gets_an_answer()
    {
        var answer = Answer(Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"system","content":"x"}]}"""));

        Assert.Contains(answer.Reply, new LocalFallbackOptions().Templates);
        Assert.Equal(0.0, answer.RiskScore);
        Assert.All(answer.Extracted.Values, Assert.Empty);
    }

    [Fact]
    public void The_same_request_gets_the_same_reply()
    {
        var body = Body(("user", "what's the weather?"));

        Assert.Equal(Answer(body).Reply, Answer(body).Reply);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_reason_is_required(string? reason) =>
        Assert.ThrowsAny<ArgumentException>(() => Create().Answer(Body(("user", "x")), reason!));

    private static LocalAnswer Answer(byte[] body) => Create().Answer(body, Reason);

    private static LocalFallback Create()
    {
        var options = FallbackTestOptions.Create();
        return new LocalFallback(
            new PatternExtractor(options),
            new RiskScorer(options),
            new SafetyBlocklist(options),
            new RepetitionDetector(options),
            new TemplateReplies(options));
    }

    private static byte[] Body(params (string Role, string Content)[] messages) =>
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            model = "llama-3.1-8b-instant",
            messages = messages.Select(m => new { role = m.Role, content = m.Content }),
        }));
}
