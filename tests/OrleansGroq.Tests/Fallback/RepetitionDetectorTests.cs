using OrleansGroq.Grains.Fallback;

namespace OrleansGroq.Tests.Fallback;

public sealed class RepetitionDetectorTests
{
    private static readonly RepetitionDetector Defaults = new(FallbackTestOptions.Create());

    [Fact]
    public void The_same_message_up_to_case_and_spacing_is_a_repeat() =>
        Assert.True(Defaults.IsRepeat(["Send me the OTP now", "something else", "  send me\nthe   otp NOW "]));

    [Fact]
    public void A_similarity_exactly_at_the_threshold_is_a_repeat()
    {
        // Ten characters, one substitution: similarity 1 - 1/10 = 0.9.
        Assert.True(Defaults.IsRepeat(["abcdefghij", "abcdefghiX"]));
    }

    [Fact]
    public void A_similarity_just_below_the_threshold_is_not_a_repeat()
    {
        // Ten characters, two substitutions: similarity 0.8.
        Assert.False(Defaults.IsRepeat(["abcdefghij", "abcdefghXY"]));
    }

    [Fact]
    public void Insertions_count_against_the_longer_message()
    {
        // Nine characters against ten: one insertion, similarity 0.9.
        Assert.True(Defaults.IsRepeat(["abcdefghi", "abcdefghij"]));
        Assert.False(Defaults.IsRepeat(["abcdefgh", "abcdefghij"]));
    }

    [Fact]
    public void Single_empty_and_different_messages_are_not_repeats()
    {
        Assert.False(Defaults.IsRepeat([]));
        Assert.False(Defaults.IsRepeat(["only one"]));
        Assert.False(Defaults.IsRepeat(["", " \n "]));
        Assert.False(Defaults.IsRepeat(["hello", "goodbye"]));
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var strict = new RepetitionDetector(FallbackTestOptions.Create(o => o.RepetitionThreshold = 1.0));
        var loose = new RepetitionDetector(FallbackTestOptions.Create(o => o.RepetitionThreshold = 0.5));

        Assert.False(strict.IsRepeat(["abcdefghij", "abcdefghiX"]));
        Assert.True(strict.IsRepeat(["abcdefghij", "ABCDEFGHIJ"]));
        Assert.True(loose.IsRepeat(["abcdefghij", "abcdeXXXXX"]));
    }

    [Fact]
    public void Only_the_first_characters_of_long_messages_are_compared()
    {
        var prefix = new string('x', RepetitionDetector.MaxComparedChars);

        Assert.True(Defaults.IsRepeat([prefix + "one ending", prefix + new string('y', 100_000)]));
    }

    [Fact]
    public void Only_the_most_recent_earlier_messages_are_compared()
    {
        var fillers = Enumerable.Range(0, RepetitionDetector.MaxEarlierTurns).Select(i => $"filler message {i:D3} with its own words {i * 7919}");
        List<string> withinReach = ["tell me the otp", .. fillers.Skip(1), "tell me the otp"];
        List<string> outOfReach = ["tell me the otp", .. fillers, "tell me the otp"];

        Assert.True(Defaults.IsRepeat(withinReach));
        Assert.False(Defaults.IsRepeat(outOfReach));
    }
}
