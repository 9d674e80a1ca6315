using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Abstractions.Upstream;

namespace OrleansGroq.Tests.Quota;

/// <summary>Groq's headers and 429s as ground truth for a silo's slice.</summary>
public sealed class ModelQuotaCalibrationTests
{
    [Fact]
    public async Task Remaining_tokens_bring_the_shared_bucket_down_to_what_the_slice_does_not_hold_with_the_next_lease_and_no_statement_of_their_own()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 6000, 0));
        await host.ReserveAsync(100);
        var calls = host.Store.Calls.Count;
        var slice = (await host.Quota.GetSnapshotAsync()).SliceTokens;

        await host.Quota.CalibrateAsync(new RateLimitSnapshot { RemainingTokens = 1000, LimitTokens = 6000 });
        var afterHeaders = host.Store.Calls.Count;
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var leased = (await host.Quota.GetSnapshotAsync()).LeasedTokens;
        var granted = await host.ReserveAsync(1000);
        var refused = await host.ReserveAsync(1000);

        // 1,000 remaining two seconds ago is at most 1,200 now, and of that this node's slice holds its part: the lease
        // found the shared bucket at the rest.
        Assert.InRange(slice, 1, 999);
        Assert.Equal(calls, afterHeaders);
        Assert.Equal(1200 - slice, host.Store.Asks.Last().Ceilings!.Tpm!.Value, 6);
        Assert.True(granted.Granted);
        Assert.Equal(ReservationStatus.Exhausted, refused.Status);
        Assert.Equal(1200 - slice, (await host.SharedAsync()).Available.Tpm + (await host.Quota.GetSnapshotAsync()).LeasedTokens - leased, 6);
    }

    [Fact]
    public async Task Remaining_counts_above_the_shared_bucket_never_raise_it()
    {
        var limits = new QuotaLimits(0, 14_400, 6000, 0);
        await using var host = QuotaTestHost.Create(limits);
        await host.Store.LeaseAsAnotherNodeAsync(QuotaTestHost.Key, limits, 100, 5000, host.Now);
        await host.ReserveAsync(100);
        var before = await host.SharedAsync();
        var slice = await host.Quota.GetSnapshotAsync();

        await host.Quota.CalibrateAsync(new RateLimitSnapshot { RemainingRequests = 14_390, RemainingTokens = 5900 });
        await host.ReserveAsync(500);

        var after = await host.SharedAsync();
        Assert.Equal(new QuotaCeilings(null, 14_390 - slice.SliceRequests, 5900 - slice.SliceTokens, null), host.Store.Asks.Last().Ceilings);
        Assert.True(after.Available.Rpd < before.Available.Rpd);
        Assert.True(after.Available.Tpm < before.Available.Tpm);
    }

    [Fact]
    public async Task The_slice_never_holds_more_than_Groq_reports_remaining()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 60_000, 0));
        await host.OfferAsync(40, perSecond: 40, tokens: 100);

        await host.Quota.CalibrateAsync(new RateLimitSnapshot { RemainingTokens = 30 });

        Assert.InRange((await host.Quota.GetSnapshotAsync()).SliceTokens, long.MinValue, 30);
    }

    [Fact]
    public async Task Limit_headers_lower_the_configured_limits_and_reach_the_store_at_once()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(30, 0, 10_000, 0));
        await host.ReserveAsync(100);

        await host.Quota.CalibrateAsync(new RateLimitSnapshot { LimitRequests = 14_400, LimitTokens = 6000 });
        var lowered = await host.Quota.GetSnapshotAsync();
        await host.Quota.CalibrateAsync(new RateLimitSnapshot { LimitRequests = 14_400, LimitTokens = 20_000 });
        var capped = await host.Quota.GetSnapshotAsync();

        Assert.Equal(new QuotaLimits(30, 14_400, 6000, 0), lowered.Limits);
        Assert.Equal(new QuotaLimits(30, 14_400, 6000, 0), lowered.Shared!.Limits);
        Assert.Equal(new QuotaLimits(30, 14_400, 10_000, 0), capped.Shared!.Limits);
        Assert.Equal(2, host.Store.Count("limits"));
    }

    [Fact]
    public async Task A_lower_tpm_another_node_learned_from_Groq_is_taken_not_overwritten()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(30, 0, 10_000, 0));
        await host.Store.SetLimitsAsync(QuotaTestHost.Key, new QuotaLimits(30, 14_400, 6000, 0), host.Now, CancellationToken.None);
        var calls = host.Store.Count("limits");

        await host.ReserveAsync(100);

        Assert.Equal(calls, host.Store.Count("limits"));
        Assert.Equal(new QuotaLimits(30, 14_400, 6000, 0), (await host.Quota.GetSnapshotAsync()).Limits);
    }

    [Fact]
    public async Task A_configured_rpm_is_written_over_a_different_one_in_the_store()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(30, 0, 6000, 0));
        await host.Store.SetLimitsAsync(QuotaTestHost.Key, new QuotaLimits(60, 0, 6000, 0), host.Now, CancellationToken.None);

        await host.ReserveAsync(100);

        Assert.Equal(new QuotaLimits(30, 0, 6000, 0), (await host.SharedAsync()).Limits);
    }

    [Fact]
    public async Task A_model_without_configured_limits_learns_them_from_Groqs_headers()
    {
        await using var host = QuotaTestHost.Create(QuotaLimits.Unlimited);
        await host.ReserveAsync(100);
        Assert.Empty(host.Store.Calls);

        await host.Quota.CalibrateAsync(new RateLimitSnapshot { LimitRequests = 1000, RemainingRequests = 10, LimitTokens = 6000, RemainingTokens = 500 });
        var reservation = await host.ReserveAsync(600);

        Assert.Equal(new QuotaLimits(0, 1000, 6000, 0), (await host.Quota.GetSnapshotAsync()).Limits);
        Assert.Equal(ReservationStatus.Exhausted, reservation.Status);
        Assert.Equal(1, reservation.RetryAfter.TotalSeconds, 0.000_001);
    }

    [Fact]
    public async Task A_429_drops_the_slice_and_empties_the_named_bucket_for_every_node_at_once()
    {
        var limits = new QuotaLimits(60, 0, 6000, 0);
        await using var host = QuotaTestHost.Create(limits);
        await host.OfferAsync(22, perSecond: 20, tokens: 10);

        await host.Quota.ReportRateLimitedAsync(RateLimitKind.RequestsPerMinute);
        var snapshot = await host.Quota.GetSnapshotAsync();
        var leases = host.Store.Count("lease");
        var refused = await host.ReserveAsync(10);
        var otherNode = await host.Store.LeaseAsAnotherNodeAsync(QuotaTestHost.Key, limits, 1, 10, host.Now);

        Assert.True(host.Store.Calls.Last(c => c.Operation == "calibrate").Argument is QuotaCeilings { Rpm: 0, Tpm: null });
        Assert.Equal((0L, 1L), (snapshot.SliceRequests, snapshot.RateLimited));
        Assert.True(snapshot.SliceTokens > 0);
        Assert.Equal(ReservationStatus.Exhausted, refused.Status);
        Assert.Equal(1, refused.RetryAfter.TotalSeconds, 0.000_001);
        Assert.Equal(leases, host.Store.Count("lease"));
        Assert.Equal(0, otherNode.GrantedRequests);
    }

    [Fact]
    public async Task A_429_on_a_limit_that_is_not_configured_is_only_counted()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 6000, 0));
        await host.ReserveAsync(10);

        await host.Quota.ReportRateLimitedAsync(RateLimitKind.RequestsPerMinute);

        Assert.Equal(0, host.Store.Count("calibrate"));
        Assert.Equal(1, (await host.Quota.GetSnapshotAsync()).RateLimited);
    }
}
