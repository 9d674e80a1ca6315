using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.Tests.Quota;

/// <summary>Unused slices go back to the shared bucket.</summary>
public sealed class ModelQuotaIdleTests
{
    [Fact]
    public async Task An_unused_slice_goes_back_after_a_quiet_spell()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(600, 0, 60_000, 0));
        await host.OfferAsync(22, perSecond: 20, tokens: 100);
        var slice = await host.Quota.GetSnapshotAsync();

        host.Clock.Advance(TimeSpan.FromSeconds(5));

        var returned = (QuotaReturn)host.Store.Calls.Single(c => c.Operation == "return").Argument!;
        var after = await host.Quota.GetSnapshotAsync();
        Assert.True(slice.SliceRequests > 0);
        Assert.Equal((slice.SliceRequests, slice.SliceTokens), (returned.Requests, returned.Tokens));
        Assert.Equal((0L, 0L, slice.SliceRequests, slice.SliceTokens), (after.SliceRequests, after.SliceTokens, after.ReturnedRequests, after.ReturnedTokens));
    }

    [Fact]
    public async Task Activity_postpones_the_return()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(600, 0, 0, 0), ("IdleReturnAfter", "00:00:05"));
        await host.OfferAsync(20, perSecond: 20);

        host.Clock.Advance(TimeSpan.FromSeconds(3));
        await host.ReserveAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        var early = host.Store.Count("return");
        host.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, early);
        Assert.Equal(1, host.Store.Count("return"));
    }

    [Fact]
    public async Task Usage_owed_beyond_the_reservations_is_charged_when_the_slice_goes_back()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 60_000, 0));
        var reservation = await host.ReserveAsync(100);
        await host.Quota.SettleAsync(reservation.Tokens, 5000);
        var owed = (await host.Quota.GetSnapshotAsync()).SliceTokens;

        host.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(owed < -4000);
        Assert.Equal(owed, ((QuotaReturn)host.Store.Calls.Single(c => c.Operation == "return").Argument!).Tokens);
    }

    [Fact]
    public async Task Stopping_gives_the_slice_back_once_with_the_ceilings_no_lease_carried()
    {
        var host = QuotaTestHost.Create(new QuotaLimits(0, 0, 60_000, 0), ("IdleReturnAfter", "01:00:00"));
        await host.OfferAsync(20, perSecond: 20, tokens: 100);
        await host.Quota.CalibrateAsync(new Abstractions.Upstream.RateLimitSnapshot { RemainingTokens = 1000 });
        var slice = (await host.Quota.GetSnapshotAsync()).SliceTokens;

        await host.Quota.StopAsync();
        host.Clock.Advance(TimeSpan.FromHours(2));

        var returned = (QuotaReturn)host.Store.Calls.Single(c => c.Operation == "return").Argument!;
        Assert.Equal(slice, returned.Tokens);
        Assert.Equal(1000, returned.Ceilings!.Tpm);
    }

    [Fact]
    public async Task The_idle_timers_work_returns_nothing_before_the_quiet_spell_is_over()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(600, 0, 0, 0), ("IdleReturnAfter", "00:00:05"));
        await host.ReserveAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(4));

        await host.Quota.ReturnIfIdleAsync();
        var early = host.Store.Count("return");
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, early);
        Assert.Equal(1, host.Store.Count("return"));
        Assert.Equal(0, (await host.Quota.GetSnapshotAsync()).SliceRequests);
    }
}
