using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Grains.Conversations;
using OrleansGroq.Tests.Silos;

namespace OrleansGroq.Tests.Conversations;

/// <summary>
/// How a conversation lets go of a running turn its caller will never end: at once when its front end is declared
/// dead, at the end of the lease otherwise, and never once the caller has ended it.
/// </summary>
public sealed class TurnWatchTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _clock = new();
    private readonly StandInMembership _membership = new();
    private readonly FrontEndDeaths _deaths;

    public TurnWatchTests()
    {
        _deaths = new FrontEndDeaths(_membership, NullLogger<FrontEndDeaths>.Instance);
        _deaths.Start(CancellationToken.None);
    }

    public void Dispose() => _deaths.Dispose();

    [Fact]
    public async Task A_turn_whose_front_end_dies_is_let_go_at_once_and_the_next_turn_enters()
    {
        var frontEnd = _membership.Join();
        var queue = new TurnQueue(capacity: 8);
        Assert.True(await queue.EnterAsync(CancellationToken.None));
        var losses = new List<TurnLoss>();
        using var watch = new TurnWatch(Lease, _clock, _deaths.WhenDead(frontEnd), loss =>
        {
            losses.Add(loss);
            queue.Exit();
        });
        var next = queue.EnterAsync(CancellationToken.None).AsTask();

        _membership.DeclareDead(frontEnd);

        Assert.Equal([TurnLoss.FrontEndDied], losses);
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(_deaths.IsDead(frontEnd));
    }

    [Fact]
    public void A_turn_whose_front_end_lives_runs_until_its_lease_ends()
    {
        var frontEnd = _membership.Join();
        var other = _membership.Join();
        var losses = new List<TurnLoss>();
        using var watch = new TurnWatch(Lease, _clock, _deaths.WhenDead(frontEnd), losses.Add);

        _membership.DeclareDead(other);
        _clock.Advance(Lease - TimeSpan.FromMilliseconds(1));
        Assert.Empty(losses);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([TurnLoss.LeaseExpired], losses);

        _membership.DeclareDead(frontEnd);
        Assert.Equal([TurnLoss.LeaseExpired], losses);
    }

    [Fact]
    public void A_turn_that_names_no_front_end_has_the_lease_alone()
    {
        var losses = new List<TurnLoss>();
        using var watch = new TurnWatch(Lease, _clock, default, losses.Add);

        _membership.DeclareDead(_membership.Join());
        Assert.Empty(losses);

        _clock.Advance(Lease);
        Assert.Equal([TurnLoss.LeaseExpired], losses);
    }

    [Fact]
    public void A_turn_its_caller_ended_is_not_let_go_by_a_later_death_or_the_lease()
    {
        var frontEnd = _membership.Join();
        var losses = new List<TurnLoss>();
        var watch = new TurnWatch(Lease, _clock, _deaths.WhenDead(frontEnd), losses.Add);

        watch.Dispose();
        _membership.DeclareDead(frontEnd);
        _clock.Advance(Lease);

        Assert.Empty(losses);
    }

    [Fact]
    public void A_turn_from_a_front_end_already_dead_is_let_go_at_once()
    {
        var frontEnd = _membership.Join();
        _membership.DeclareDead(frontEnd);
        var losses = new List<TurnLoss>();

        using var watch = new TurnWatch(Lease, _clock, _deaths.WhenDead(frontEnd), losses.Add);

        Assert.Equal([TurnLoss.FrontEndDied], losses);
    }

    [Fact]
    public void Every_turn_from_one_front_end_hears_of_its_death()
    {
        var frontEnd = _membership.Join();
        var losses = new List<TurnLoss>();
        using var first = new TurnWatch(Lease, _clock, _deaths.WhenDead(frontEnd), losses.Add);
        using var second = new TurnWatch(Lease, _clock, _deaths.WhenDead(frontEnd), losses.Add);

        _membership.DeclareDead(frontEnd);

        Assert.Equal([TurnLoss.FrontEndDied, TurnLoss.FrontEndDied], losses);
    }
}
