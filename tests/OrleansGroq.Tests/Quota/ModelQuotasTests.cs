using OrleansGroq.Abstractions.Quota;
using OrleansGroq.Tests.Silos;

namespace OrleansGroq.Tests.Quota;

/// <summary>A silo's slices: one per account and model, given back when the silo stops.</summary>
public sealed class ModelQuotasTests
{
    [Fact]
    public async Task Each_account_and_model_has_one_slice_made_on_first_use()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(600, 0, 0, 0));
        var quotas = host.CreateQuotas();
        Assert.Empty(quotas.All);

        var slice = quotas.Get(QuotaTestHost.Key);
        var other = quotas.Get(new QuotaKey(QuotaTestHost.Account, "openai/gpt-oss-20b"));

        Assert.Same(slice, quotas.Get(new QuotaKey(QuotaTestHost.Account, QuotaTestHost.Model)));
        Assert.NotSame(slice, other);
        Assert.Equal(2, quotas.All.Count);
        Assert.Contains(slice, quotas.All);
    }

    [Fact]
    public async Task Stopping_the_silo_gives_every_slice_back()
    {
        await using var host = QuotaTestHost.Create(new QuotaLimits(600, 0, 0, 0), ("IdleReturnAfter", "01:00:00"));
        var quotas = host.CreateQuotas();
        var lifecycle = new TestSiloLifecycle();
        quotas.Participate(lifecycle);
        await lifecycle.StartAsync();
        var slice = quotas.Get(QuotaTestHost.Key);
        Assert.True((await slice.TryReserveAsync(new ReserveRequest(0, QuotaPriority.Interactive))).Granted);
        var held = (await slice.GetSnapshotAsync()).SliceRequests;

        await lifecycle.StopAsync();

        var returned = (QuotaReturn)host.Store.Calls.Single(c => c.Operation == "return").Argument!;
        Assert.True(held > 0);
        Assert.Equal(held, returned.Requests);
        Assert.Equal(0, (await slice.GetSnapshotAsync()).SliceRequests);
    }
}
