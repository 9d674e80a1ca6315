using OrleansGroq.Grains.Conversations;

namespace OrleansGroq.Tests.Conversations;

/// <summary>
/// How a leaving silo hands its conversations over: each is told to leave, those activated meanwhile too, and the
/// handover ends once none is left, or when its time is up.
/// </summary>
public sealed class ConversationHandoverTests
{
    private readonly ConversationHandover _handover = new();

    [Fact]
    public async Task A_silo_without_conversations_has_handed_them_over_at_once()
    {
        Assert.True(await _handover.HandOverAsync(CancellationToken.None));
        Assert.True(_handover.IsLeaving);
    }

    [Fact]
    public async Task Every_conversation_is_told_to_leave_and_the_handover_ends_when_the_last_has_gone()
    {
        var (first, second) = (new object(), new object());
        var told = new List<object>();
        _handover.Arrive(first, () => told.Add(first));
        _handover.Arrive(second, () => told.Add(second));

        var handover = _handover.HandOverAsync(CancellationToken.None);
        _handover.Depart(first);
        var beforeLast = handover.IsCompleted;
        _handover.Depart(second);

        // Told in no particular order: both, once each.
        Assert.Equal(2, told.Count);
        Assert.Contains(first, told);
        Assert.Contains(second, told);
        Assert.False(beforeLast);
        Assert.True(await handover);
    }

    [Fact]
    public async Task A_conversation_activated_during_the_handover_is_told_to_leave_at_once_and_waited_for()
    {
        var (first, late) = (new object(), new object());
        _handover.Arrive(first, () => { });
        var handover = _handover.HandOverAsync(CancellationToken.None);
        var lateTold = false;

        _handover.Arrive(late, () => lateTold = true);
        _handover.Depart(first);
        var beforeLate = handover.IsCompleted;
        _handover.Depart(late);

        Assert.True(lateTold);
        Assert.False(beforeLate);
        Assert.True(await handover);
    }

    [Fact]
    public async Task A_handover_whose_time_is_up_reports_the_conversations_left()
    {
        _handover.Arrive(new object(), () => { });
        using var timeUp = new CancellationTokenSource();

        var handover = _handover.HandOverAsync(timeUp.Token);
        await timeUp.CancelAsync();

        Assert.False(await handover);
        Assert.Equal(1, _handover.Residents);
    }

    [Fact]
    public void Conversations_that_come_and_go_before_a_handover_are_not_told_to_leave()
    {
        var conversation = new object();
        var told = false;

        _handover.Arrive(conversation, () => told = true);
        _handover.Depart(conversation);

        Assert.False(told);
        Assert.False(_handover.IsLeaving);
        Assert.Equal(0, _handover.Residents);
    }
}
