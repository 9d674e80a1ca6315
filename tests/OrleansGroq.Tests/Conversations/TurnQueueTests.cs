using OrleansGroq.Grains.Conversations;

namespace OrleansGroq.Tests.Conversations;

public sealed class TurnQueueTests
{
    [Fact]
    public async Task Turns_enter_one_at_a_time_in_arrival_order()
    {
        var queue = new TurnQueue(capacity: 8);
        Assert.True(await queue.EnterAsync(CancellationToken.None));
        var second = queue.EnterAsync(CancellationToken.None).AsTask();
        var third = queue.EnterAsync(CancellationToken.None).AsTask();

        Assert.Equal(2, queue.Waiting);
        Assert.False(second.IsCompleted);

        queue.Exit();
        Assert.True(await second);
        Assert.False(third.IsCompleted);

        queue.Exit();
        Assert.True(await third);
        Assert.False(queue.TryEnter());

        queue.Exit();
        Assert.True(queue.TryEnter());
    }

    [Fact]
    public async Task A_turn_beyond_the_capacity_is_refused_at_once()
    {
        var queue = new TurnQueue(capacity: 1);
        Assert.True(await queue.EnterAsync(CancellationToken.None));
        var waiting = queue.EnterAsync(CancellationToken.None).AsTask();

        Assert.False(await queue.EnterAsync(CancellationToken.None));

        queue.Exit();
        Assert.True(await waiting);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_line_and_the_next_one_enters()
    {
        var queue = new TurnQueue(capacity: 2);
        Assert.True(await queue.EnterAsync(CancellationToken.None));
        using var gaveUp = new CancellationTokenSource();
        var cancelled = queue.EnterAsync(gaveUp.Token).AsTask();
        var next = queue.EnterAsync(CancellationToken.None).AsTask();

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        Assert.Equal(1, queue.Waiting);
        queue.Exit();
        Assert.True(await next);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task With_no_room_to_wait_only_the_free_conversation_admits_a_turn()
    {
        var queue = new TurnQueue(capacity: 0);

        Assert.True(await queue.EnterAsync(CancellationToken.None));
        Assert.False(await queue.EnterAsync(CancellationToken.None));
    }
}
