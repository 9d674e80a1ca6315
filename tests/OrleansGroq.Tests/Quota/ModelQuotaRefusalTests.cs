using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Tests.Quota;

/// <summary>What a slice answers when budget is short: truthful waits, batch behind interactive, a failing store.</summary>
public sealed class ModelQuotaRefusalTests
{
    [Fact]
    public async Task A_refusal_says_how_long_the_refill_takes_and_the_request_is_granted_then()
    {
        var limits = new QuotaLimits(60, 0, 6000, 0);
        await using var host = QuotaTestHost.Create(limits);
        await host.Store.LeaseAsAnotherNodeAsync(QuotaTestHost.Key, limits, 60, 6000, host.Now);

        var refused = await host.ReserveAsync(500);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        var granted = await host.ReserveAsync(500);

        Assert.Equal(new Reservation(ReservationStatus.Exhausted, 0, TimeSpan.FromSeconds(5)), refused);
        Assert.True(granted.Granted);
    }

    [Fact]
    public async Task A_refusal_the_last_seen_buckets_explain_asks_nothing_of_the_store()
    {
        var limits = new QuotaLimits(60, 0, 6000, 0);
        await using var host = QuotaTestHost.Create(limits);
        await host.Store.LeaseAsAnotherNodeAsync(QuotaTestHost.Key, limits, 60, 6000, host.Now);
        await host.ReserveAsync(500);
        var leases = host.Store.Count("lease");

        var refusals = new List<Reservation>();
        for (var i = 0; i < 49; i++)
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(100));
            refusals.Add(await host.ReserveAsync(500));
        }

        Assert.Equal(leases, host.Store.Count("lease"));
        Assert.Equal(100, refusals[^1].RetryAfter.TotalMilliseconds, 0.001);
        Assert.All(refusals, r => Assert.Equal(ReservationStatus.Exhausted, r.Status));
    }

    [Fact]
    public async Task Batch_work_is_refused_while_interactive_work_may_still_take_the_last_of_the_budget()
    {
        // 20 requests a minute, a 10 % batch reserve: batch work leaves 2 requests in the bucket.
        var limits = new QuotaLimits(20, 0, 0, 0);
        await using var host = QuotaTestHost.Create(limits);
        await host.Store.LeaseAsAnotherNodeAsync(QuotaTestHost.Key, limits, 17, 0, host.Now);

        var firstBatch = await host.ReserveAsync(priority: QuotaPriority.Batch);
        var secondBatch = await host.ReserveAsync(priority: QuotaPriority.Batch);
        var interactive = new[] { await host.ReserveAsync(), await host.ReserveAsync() };
        var lastInteractive = await host.ReserveAsync();

        Assert.True(firstBatch.Granted);
        Assert.Equal(ReservationStatus.Exhausted, secondBatch.Status);
        Assert.Equal(3, secondBatch.RetryAfter.TotalSeconds, 0.000_001);
        Assert.All(interactive, r => Assert.True(r.Granted));
        Assert.Equal(ReservationStatus.Exhausted, lastInteractive.Status);
        Assert.Equal(3, lastInteractive.RetryAfter.TotalSeconds, 0.000_001);
    }

    [Fact]
    public async Task The_safety_margin_is_left_in_the_bucket_for_drift_and_no_request_takes_it()
    {
        // 1,000 tokens a minute, a 5 % margin: 950 can be reserved, the last 50 stay for what Groq counted and the gateway did not.
        await using var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 1000, 0), ("SafetyMargin", "0.05"));

        var taken = await host.ReserveAsync(900);
        var intoTheMargin = await host.ReserveAsync(51);
        var upToTheMargin = await host.ReserveAsync(50);

        Assert.True(taken.Granted);
        Assert.Equal(ReservationStatus.Exhausted, intoTheMargin.Status);
        Assert.Equal(0.06, intoTheMargin.RetryAfter.TotalSeconds, 0.000_001);
        Assert.True(upToTheMargin.Granted);
    }

    [Fact]
    public async Task Batch_work_leaves_the_slice_interactive_work_is_expected_to_need()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(600, 0, 0, 0));
        await host.OfferAsync(80, perSecond: 40);
        var slice = (await host.Quota.GetSnapshotAsync()).SliceRequests;
        var leases = host.Store.Count("lease");

        var batch = await host.ReserveAsync(priority: QuotaPriority.Batch);

        // Interactive work came at about 35 a second: a quarter second of it is 9 requests, which batch work leaves.
        Assert.True(batch.Granted);
        Assert.Equal(slice >= 10 ? leases : leases + 1, host.Store.Count("lease"));
        Assert.InRange((await host.Quota.GetSnapshotAsync()).SliceRequests, 9, 30);
    }

    [Fact]
    public async Task A_failing_store_answers_unavailable_for_a_second_while_the_slice_still_serves()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(6000, 0, 0, 0));
        await host.OfferAsync(40, perSecond: 40);
        var slice = (await host.Quota.GetSnapshotAsync()).SliceRequests;
        host.Store.Failing = true;

        for (var i = 0; i < slice; i++)
        {
            Assert.True((await host.ReserveAsync()).Granted);
        }

        var failed = await host.ReserveAsync();
        var calls = host.Store.Calls.Count;
        host.Clock.Advance(TimeSpan.FromMilliseconds(400));
        var meanwhile = await host.ReserveAsync();
        host.Store.Failing = false;
        host.Clock.Advance(TimeSpan.FromMilliseconds(600));
        var recovered = await host.ReserveAsync();

        Assert.Equal(new Reservation(ReservationStatus.Unavailable, 0, TimeSpan.FromSeconds(1)), failed);
        Assert.Equal(new Reservation(ReservationStatus.Unavailable, 0, TimeSpan.FromMilliseconds(600)), meanwhile);
        Assert.Equal(calls + 1, host.Store.Calls.Count);
        Assert.True(recovered.Granted);
    }
}
