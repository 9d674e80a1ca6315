using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Grains.Quota;

namespace OrleansGroq.Tests.Quota;

public sealed class SharedBucketViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // One request a second.
    private static readonly QuotaLimits Limits = new(60, 0, 0, 0);

    private static readonly QuotaAmount OneRequest = new(1, 0);

    [Fact]
    public void A_node_alone_expects_all_of_the_refill()
    {
        var view = new SharedBucketView(Empty(), T0);
        var at = T0;
        for (var i = 0; i < 10; i++)
        {
            at += TimeSpan.FromSeconds(3);
            view.AdoptLease(new QuotaLease(3, 0, Empty()), at);
        }

        Assert.Equal(TimeSpan.FromSeconds(1), view.TimeUntil(OneRequest, 0, at));
        Assert.Equal(2, view.Room(0, at + TimeSpan.FromSeconds(2)).Requests);
    }

    [Fact]
    public void A_node_that_keeps_finding_a_third_of_the_refill_expects_a_third_of_it()
    {
        var view = new SharedBucketView(Empty(), T0);
        var at = T0;
        for (var i = 0; i < 10; i++)
        {
            at += TimeSpan.FromSeconds(3);
            view.AdoptLease(new QuotaLease(1, 0, Empty()), at);
        }

        Assert.InRange(view.TimeUntil(OneRequest, 0, at).TotalSeconds, 2.99, 3.0);
        Assert.Equal(TimeSpan.Zero, view.TimeUntil(OneRequest, 0, at + TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void However_busy_the_other_nodes_a_node_expects_an_eighth_of_the_refill()
    {
        var view = new SharedBucketView(Empty(), T0);
        var at = T0;
        for (var i = 0; i < 20; i++)
        {
            at += TimeSpan.FromSeconds(3);
            view.AdoptLease(new QuotaLease(0, 0, Empty()), at);
        }

        Assert.InRange(view.TimeUntil(OneRequest, 0, at).TotalSeconds, 7.99, 8.0);
    }

    [Fact]
    public void Answers_other_than_leases_teach_nothing()
    {
        var view = new SharedBucketView(Empty(), T0);

        view.Adopt(Empty(), T0 + TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(1), view.TimeUntil(OneRequest, 0, T0 + TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Ceilings_lower_the_view_at_once()
    {
        var view = new SharedBucketView(new QuotaBucketState(Limits, new QuotaLevels(50, 0, 0, 0)), T0);

        view.Lower(new QuotaCeilings(0, null, null, null), T0 + TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1), view.TimeUntil(OneRequest, 0, T0 + TimeSpan.FromSeconds(1)));
    }

    private static QuotaBucketState Empty() => new(Limits, new QuotaLevels(0, 0, 0, 0));
}
