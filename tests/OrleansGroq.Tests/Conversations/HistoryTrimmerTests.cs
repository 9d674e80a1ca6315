using OrleansGroq.Abstractions.Conversations;
using OrleansGroq.Grains.Conversations;

namespace OrleansGroq.Tests.Conversations;

public sealed class HistoryTrimmerTests
{
    private static StoredMessage M(int sequence, string role, int tokens) => new(sequence, role, $"{{\"role\":\"{role}\"}}", tokens, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_history_within_budget_is_kept_whole()
    {
        IReadOnlyList<StoredMessage> history = [M(1, "system", 10), M(2, "user", 10), M(3, "assistant", 10)];

        var (kept, trimmed) = HistoryTrimmer.Trim(history, budget: 30);

        Assert.Same(history, kept);
        Assert.Equal(0, trimmed);
    }

    [Fact]
    public void The_system_prompt_and_the_newest_turns_stay()
    {
        IReadOnlyList<StoredMessage> history = [M(1, "system", 10), M(2, "user", 10), M(3, "assistant", 10), M(4, "user", 10), M(5, "assistant", 10)];

        var (kept, trimmed) = HistoryTrimmer.Trim(history, budget: 30);

        Assert.Equal([1, 4, 5], kept.Select(m => m.Sequence));
        Assert.Equal(2, trimmed);
    }

    [Fact]
    public void Tool_results_whose_call_was_trimmed_go_too()
    {
        IReadOnlyList<StoredMessage> history = [M(1, "user", 10), M(2, "assistant", 10), M(3, "tool", 5), M(4, "tool", 5), M(5, "user", 10)];

        var (kept, trimmed) = HistoryTrimmer.Trim(history, budget: 20);

        Assert.Equal([5], kept.Select(m => m.Sequence));
        Assert.Equal(4, trimmed);
    }

    [Fact]
    public void A_budget_smaller_than_the_system_prompt_keeps_only_the_system_prompt()
    {
        IReadOnlyList<StoredMessage> history = [M(1, "system", 50), M(2, "user", 10)];

        var (kept, trimmed) = HistoryTrimmer.Trim(history, budget: -5);

        Assert.Equal([1], kept.Select(m => m.Sequence));
        Assert.Equal(1, trimmed);
    }
}
