using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Tests.Quota;

/// <summary>How a silo serves from its slice and sizes its leases.</summary>
public sealed class ModelQuotaSliceTests
{
    [Fact]
    public async Task Reservations_the_slice_covers_ask_nothing_of_the_store()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(6000, 0, 0, 0));
        await host.OfferAsync(80, perSecond: 40);
        var leases = host.Store.Count("lease");
        while (host.Store.Count("lease") == leases)
        {
            Assert.True((await host.ReserveAsync()).Granted);
        }

        var slice = (await host.Quota.GetSnapshotAsync()).SliceRequests;
        var calls = host.Store.Calls.Count;
        for (var i = 0; i < slice; i++)
        {
            Assert.True((await host.ReserveAsync()).Granted);
        }

        Assert.InRange(slice, 5, 15);
        Assert.Equal(calls, host.Store.Calls.Count);
        Assert.True((await host.ReserveAsync()).Granted);
        Assert.Equal(calls + 1, host.Store.Calls.Count);
    }

    [Fact]
    public async Task A_lease_asks_for_a_quarter_second_of_the_recent_rate()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(1_000_000, 0, 0, 0), ("MinSliceRequests", "0"));

        await host.OfferAsync(40, perSecond: 8);
        var slow = host.Store.Asks.TakeLast(3).Select(a => a.Requests).ToList();
        var before = host.Store.Count("lease");
        await host.OfferAsync(400, perSecond: 80);
        var fast = host.Store.Asks.TakeLast(5).Select(a => a.Requests).ToList();

        Assert.All(slow, requests => Assert.InRange(requests, 2, 4));
        Assert.All(fast, requests => Assert.InRange(requests, 15, 22));
        Assert.InRange(host.Store.Count("lease") - before, 15, 400 / 10);
    }

    [Fact]
    public async Task A_quiet_node_still_leases_a_few_requests_like_the_one_at_hand_at_a_time()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(6000, 0, 600_000, 0));

        await host.OfferAsync(50, perSecond: 1, tokens: 100);

        Assert.All(host.Store.Asks, ask => Assert.Equal((5L, 500L), (ask.Requests, ask.Tokens)));
        Assert.Equal(10, host.Store.Count("lease"));
    }

    [Fact]
    public async Task Near_an_empty_bucket_leases_shrink_to_exactly_the_request_at_hand()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(120, 0, 0, 0));

        var results = await host.OfferAsync(200, perSecond: 40);

        var leases = host.Store.Calls.Where(c => c.Operation == "lease").Select(c => (Ask: (QuotaAsk)c.Argument!, c.Before)).ToList();
        Assert.Contains(leases, l => l.Ask.Requests >= 8);
        Assert.Contains(leases, l => l.Before is { Available.Rpm: < 5 });
        Assert.All(leases.Where(l => l.Before is { Available.Rpm: < 5 }), l => Assert.Equal(1, l.Ask.Requests));
        Assert.Contains(results, r => !r.Granted);

        // Granted and never used: what the slice holds once the bucket has run dry.
        Assert.Equal(0, (await host.Quota.GetSnapshotAsync()).SliceRequests);
    }

    [Fact]
    public async Task Settling_refunds_unused_tokens_to_the_slice_so_the_next_request_needs_no_lease()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 60_000, 0));
        var first = await host.ReserveAsync(1000);
        var sliceBefore = (await host.Quota.GetSnapshotAsync()).SliceTokens;

        await host.Quota.SettleAsync(first.Tokens, 300);
        var leases = host.Store.Count("lease");
        var second = await host.ReserveAsync(600);

        Assert.Equal(1000, first.Tokens);
        Assert.True(second.Granted);
        Assert.Equal(leases, host.Store.Count("lease"));
        Assert.Equal(sliceBefore + 700 - 600, (await host.Quota.GetSnapshotAsync()).SliceTokens);
    }

    [Fact]
    public async Task Usage_beyond_the_reservation_is_owed_and_the_next_lease_pays_it()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 60_000, 0));
        var first = await host.ReserveAsync(100);

        await host.Quota.SettleAsync(first.Tokens, 2000);
        var owed = (await host.Quota.GetSnapshotAsync()).SliceTokens;
        await host.ReserveAsync(100);

        Assert.True(owed <= -1000);
        Assert.True(host.Store.Asks.Last().Tokens >= 100 - owed);
        Assert.Equal(2000, (await host.Quota.GetSnapshotAsync()).UsedTokens);
    }

    [Fact]
    public async Task A_release_gives_the_request_and_its_tokens_back_to_the_slice()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(600, 0, 60_000, 0));
        var reservation = await host.ReserveAsync(500);
        var before = await host.Quota.GetSnapshotAsync();

        await host.Quota.ReleaseAsync(reservation.Tokens);

        var after = await host.Quota.GetSnapshotAsync();
        Assert.Equal((before.SliceRequests + 1, before.SliceTokens + 500, 0L), (after.SliceRequests, after.SliceTokens, after.UsedRequests));
    }

    [Fact]
    public async Task Without_limits_every_reservation_is_granted_without_the_store()
    {
        await using var host = QuotaTestHost.Create(QuotaLimits.Unlimited);

        var results = await host.OfferAsync(100, perSecond: 1000, tokens: 1_000_000);

        Assert.All(results, r => Assert.Equal(new Reservation(ReservationStatus.Granted, 0, TimeSpan.Zero), r));
        Assert.Empty(host.Store.Calls);
        Assert.Null((await host.Quota.GetSnapshotAsync()).Shared);
    }

    [Fact]
    public async Task A_request_larger_than_the_token_bucket_can_ever_hold_is_too_large_without_a_store_call()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(60, 0, 6000, 0));

        Assert.Equal(ReservationStatus.TooLarge, (await host.ReserveAsync(6001)).Status);
        Assert.Equal(ReservationStatus.TooLarge, (await host.ReserveAsync(5401, QuotaPriority.Batch)).Status);
        Assert.Empty(host.Store.Calls);
        Assert.True((await host.ReserveAsync(6000)).Granted);
    }

    [Fact]
    public async Task The_snapshot_counts_what_was_leased_used_refused_and_sent_to_the_store()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(30, 0, 0, 0));

        var results = await host.OfferAsync(60, perSecond: 20);

        var snapshot = await host.Quota.GetSnapshotAsync();
        Assert.Equal(results.Count(r => r.Granted), snapshot.UsedRequests);
        Assert.Equal(results.Count(r => !r.Granted), snapshot.Denied);
        Assert.Equal(snapshot.UsedRequests + snapshot.SliceRequests, snapshot.LeasedRequests);
        Assert.Equal(host.Store.Count("lease"), snapshot.LeaseStatements);
        Assert.Equal(host.Store.Calls.Count, snapshot.StoreStatements);
        Assert.Equal(new QuotaLimits(30, 0, 0, 0), snapshot.Shared!.Limits);
        Assert.Equal((QuotaTestHost.Account, QuotaTestHost.Model), (snapshot.Account, snapshot.Model));
    }
}
