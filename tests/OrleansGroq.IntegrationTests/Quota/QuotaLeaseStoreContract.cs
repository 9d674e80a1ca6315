using OrleansGroq.Abstractions.Quota;

namespace OrleansGroq.IntegrationTests.Quota;

/// <summary>
/// What an <see cref="IQuotaLeaseStore"/> must do, run against the quota grains of a cluster. Tests of one class may share
/// a store, so each uses buckets of its own account.
/// </summary>
public abstract class QuotaLeaseStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // 60 requests and 6,000 tokens a minute: one request and 100 tokens a second.
    protected static readonly QuotaLimits PerMinute = new(60, 0, 6000, 0);

    protected QuotaKey Key { get; } = new("org_" + Guid.NewGuid().ToString("N")[..12], "llama-3.1-8b-instant");

    protected abstract IQuotaLeaseStore Store { get; }

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task A_first_lease_finds_full_buckets_and_grants_what_was_asked()
    {
        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000), T0, None);

        Assert.Equal(new QuotaLease(10, 1000, new QuotaBucketState(PerMinute, new QuotaLevels(50, 0, 5000, 0))), lease);
        Assert.Equal(new QuotaLevels(10, 0, 1000, 0), lease.State.LeasedOut);
    }

    [Fact]
    public async Task A_lease_grants_at_most_the_whole_units_the_buckets_hold_and_leaves_the_fraction()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0, None);

        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(5, 500), T0.AddSeconds(1.5), None);

        Assert.Equal((1L, 150L), (lease.GrantedRequests, lease.GrantedTokens));
        Assert.Equal(new QuotaLevels(0.5, 0, 0, 0), lease.State.Available);
    }

    [Fact]
    public async Task Requests_are_held_to_both_rpm_and_rpd_and_tokens_to_both_tpm_and_tpd()
    {
        var limits = new QuotaLimits(60, 5, 6000, 300);

        var lease = await Store.LeaseAsync(Key, limits, new QuotaAsk(10, 1000), T0, None);

        Assert.Equal((5L, 300L), (lease.GrantedRequests, lease.GrantedTokens));
        Assert.Equal(new QuotaLevels(55, 0, 5700, 0), lease.State.Available);
    }

    [Fact]
    public async Task Unlimited_dimensions_grant_whatever_is_asked()
    {
        var tokensOnly = new QuotaLimits(0, 0, 6000, 0);

        var lease = await Store.LeaseAsync(Key, tokensOnly, new QuotaAsk(1_000_000, 100), T0, None);

        Assert.Equal((1_000_000L, 100L), (lease.GrantedRequests, lease.GrantedTokens));
        Assert.Equal(new QuotaLevels(0, 0, 5900, 0), lease.State.Available);
    }

    [Fact]
    public async Task Buckets_refill_continuously_and_never_beyond_capacity()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0, None);

        var half = await Store.ReadAsync(Key, T0.AddSeconds(30), None);
        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(0, 0), T0.AddSeconds(30), None);
        var later = await Store.ReadAsync(Key, T0.AddYears(100), None);

        Assert.Equal(new QuotaLevels(30, 0, 3000, 0), half!.Available);
        Assert.Equal(new QuotaLevels(30, 0, 3000, 0), lease.State.Available);
        Assert.Equal(new QuotaLevels(60, 0, 6000, 0), later!.Available);
    }

    [Fact]
    public async Task A_day_bucket_refills_its_capacity_over_a_day()
    {
        var daily = new QuotaLimits(0, 86_400, 0, 0);
        await Store.LeaseAsync(Key, daily, new QuotaAsk(86_400, 0), T0, None);

        var lease = await Store.LeaseAsync(Key, daily, new QuotaAsk(100, 0), T0.AddSeconds(10), None);

        Assert.Equal(10, lease.GrantedRequests);
    }

    [Fact]
    public async Task A_time_before_the_last_refill_refills_nothing_and_does_not_move_the_clock_back()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0.AddSeconds(10), None);

        var early = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0, None);
        var onTime = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0.AddSeconds(12), None);

        Assert.Equal((0L, 0L), (early.GrantedRequests, early.GrantedTokens));
        Assert.Equal((2L, 200L), (onTime.GrantedRequests, onTime.GrantedTokens));
    }

    [Fact]
    public async Task A_reserve_leaves_its_share_of_capacity_in_every_bucket()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(50, 5000), T0, None);

        var batch = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000, Reserve: 0.1), T0, None);
        var interactive = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000), T0, None);

        Assert.Equal((4L, 400L), (batch.GrantedRequests, batch.GrantedTokens));
        Assert.Equal((6L, 600L), (interactive.GrantedRequests, interactive.GrantedTokens));
    }

    [Fact]
    public async Task Grants_never_exceed_capacity_plus_refill_with_eight_nodes_leasing_at_once_for_a_minute()
    {
        var limits = new QuotaLimits(120, 0, 12_000, 0);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nodes = Enumerable.Range(0, 8).Select(async node =>
        {
            await start.Task;
            long requests = 0, tokens = 0;
            for (var step = 0; step <= 600; step++)
            {
                // Every node asks for more than its share, at its own clock, 100 ms a step; the nodes interleave, so
                // the store also sees times go backwards.
                var lease = await Store.LeaseAsync(Key, limits, new QuotaAsk(1 + ((node + step) % 4), 50 + (37 * ((node * step) % 11))), T0.AddMilliseconds(100 * step), None);
                requests += lease.GrantedRequests;
                tokens += lease.GrantedTokens;
            }

            return (requests, tokens);
        }).ToArray();

        start.SetResult();
        var grants = await Task.WhenAll(nodes);
        var requests = grants.Sum(g => g.requests);
        var tokens = grants.Sum(g => g.tokens);

        // A full bucket at T0 plus a minute of refill: 120 + 120 requests, 12,000 + 12,000 tokens.
        Assert.InRange(requests, 236, 240);
        Assert.InRange(tokens, 23_600, 24_000);
    }

    [Fact]
    public async Task A_return_adds_back_at_most_up_to_capacity()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000), T0, None);

        var partly = await Store.ReturnAsync(Key, PerMinute, new QuotaReturn(4, 400), T0, None);
        var beyond = await Store.ReturnAsync(Key, PerMinute, new QuotaReturn(100, 100_000), T0, None);

        Assert.Equal(new QuotaLevels(54, 0, 5400, 0), partly.Available);
        Assert.Equal(new QuotaLevels(60, 0, 6000, 0), beyond.Available);
    }

    [Fact]
    public async Task A_negative_return_charges_usage_beyond_the_lease_even_below_zero()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0, None);

        var owed = await Store.ReturnAsync(Key, PerMinute, new QuotaReturn(0, -300), T0, None);
        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(1, 100), T0.AddSeconds(4), None);

        Assert.Equal(-300, owed.Available.Tpm);
        Assert.Equal((1L, 100L), (lease.GrantedRequests, lease.GrantedTokens));
        Assert.Equal(new QuotaLevels(3, 0, 0, 0), lease.State.Available);
    }

    [Fact]
    public async Task Calibration_lowers_a_bucket_to_its_ceiling_and_never_raises_one()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(50, 1000), T0, None);

        var lowered = await Store.CalibrateAsync(Key, PerMinute, new QuotaCeilings(null, null, 2500, null), T0, None);
        var notRaised = await Store.CalibrateAsync(Key, PerMinute, new QuotaCeilings(59, null, 5999, null), T0, None);

        Assert.Equal(new QuotaLevels(10, 0, 2500, 0), lowered.Available);
        Assert.Equal(new QuotaLevels(10, 0, 2500, 0), notRaised.Available);
    }

    [Fact]
    public async Task Ceilings_carried_by_a_lease_or_a_return_apply_before_it()
    {
        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000, Ceilings: new QuotaCeilings(5, null, null, 700)), T0, None);
        var returned = await Store.ReturnAsync(Key, PerMinute, new QuotaReturn(1, 0, new QuotaCeilings(null, null, 3000, null)), T0, None);

        Assert.Equal((5L, 1000L), (lease.GrantedRequests, lease.GrantedTokens));
        Assert.Equal(new QuotaLevels(0, 0, 5000, 0), lease.State.Available);
        Assert.Equal(new QuotaLevels(1, 0, 3000, 0), returned.Available);
    }

    [Fact]
    public async Task A_ceiling_on_an_unlimited_bucket_is_ignored()
    {
        var state = await Store.CalibrateAsync(Key, PerMinute, new QuotaCeilings(null, 0, null, 0), T0, None);

        Assert.Equal(new QuotaLevels(60, 0, 6000, 0), state.Available);
    }

    [Fact]
    public async Task New_limits_cap_shrunk_buckets_let_grown_ones_refill_start_new_ones_full_and_drop_removed_ones()
    {
        await Store.LeaseAsync(Key, new QuotaLimits(60, 1000, 6000, 0), new QuotaAsk(30, 1000), T0, None);

        var changed = await Store.SetLimitsAsync(Key, new QuotaLimits(120, 0, 3000, 100_000), T0, None);
        var refilled = await Store.ReadAsync(Key, T0.AddSeconds(30), None);

        Assert.Equal(new QuotaBucketState(new QuotaLimits(120, 0, 3000, 100_000), new QuotaLevels(30, 0, 3000, 100_000)), changed);
        Assert.Equal(new QuotaLevels(90, 0, 3000, 100_000), refilled!.Available);
    }

    [Fact]
    public async Task Setting_limits_first_creates_full_buckets_and_later_leases_keep_them()
    {
        var limits = new QuotaLimits(0, 14_400, 6000, 0);

        await Store.SetLimitsAsync(Key, limits, T0, None);
        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(1, 100), T0, None);

        Assert.Equal(new QuotaBucketState(limits, new QuotaLevels(0, 14_399, 5900, 0)), lease.State);
    }

    [Fact]
    public async Task A_read_before_first_use_is_null_and_a_read_changes_nothing()
    {
        Assert.Null(await Store.ReadAsync(Key, T0, None));
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0, None);

        await Store.ReadAsync(Key, T0.AddSeconds(30), None);
        var lease = await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0.AddSeconds(10), None);

        Assert.Equal((10L, 1000L), (lease.GrantedRequests, lease.GrantedTokens));
    }

    [Fact]
    public async Task Each_account_and_model_has_buckets_of_its_own()
    {
        var otherModel = Key with { Model = "openai/gpt-oss-20b" };
        var otherAccount = Key with { Account = Key.Account + "-b" };
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(60, 6000), T0, None);

        var model = await Store.LeaseAsync(otherModel, PerMinute, new QuotaAsk(60, 6000), T0, None);
        var account = await Store.LeaseAsync(otherAccount, PerMinute, new QuotaAsk(60, 6000), T0, None);

        Assert.Equal((60L, 6000L), (model.GrantedRequests, model.GrantedTokens));
        Assert.Equal((60L, 6000L), (account.GrantedRequests, account.GrantedTokens));
    }
}
