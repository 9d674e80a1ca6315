using Npgsql;
using OrleansGroq.Abstractions.Quota;
using OrleansGroq.IntegrationTests.Conversations.Store;
using OrleansGroq.Persistence.PostgreSql.Quota;

namespace OrleansGroq.IntegrationTests.Quota;

public sealed class PostgresQuotaLeaseStoreTests(MigratedDatabase database) : QuotaLeaseStoreContract, IClassFixture<MigratedDatabase>
{
    private readonly PostgresQuotaLeaseStore _store = new(database.DataSource);

    protected override IQuotaLeaseStore Store => _store;

    [Fact]
    public async Task Every_operation_is_one_statement_the_first_lease_included()
    {
        var before = _store.Statements;

        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000), T0, CancellationToken.None);
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(10, 1000, 0.1, new QuotaCeilings(1, 2, 3, 4)), T0, CancellationToken.None);
        await Store.ReturnAsync(Key, PerMinute, new QuotaReturn(1, 100), T0, CancellationToken.None);
        await Store.CalibrateAsync(Key, PerMinute, new QuotaCeilings(null, null, 100, null), T0, CancellationToken.None);
        await Store.SetLimitsAsync(Key, PerMinute with { Rpd = 1000 }, T0, CancellationToken.None);
        await Store.ReadAsync(Key, T0, CancellationToken.None);

        Assert.Equal(6, _store.Statements - before);
    }

    [Fact]
    public async Task Nodes_creating_the_same_buckets_at_once_share_one_full_set()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leases = Enumerable.Range(0, 8).Select(async _ =>
        {
            await start.Task;
            return await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(20, 2000), T0, CancellationToken.None);
        }).ToArray();

        start.SetResult();
        var granted = await Task.WhenAll(leases);

        Assert.Equal(60, granted.Sum(l => l.GrantedRequests));
        Assert.Equal(6000, granted.Sum(l => l.GrantedTokens));
    }

    [Fact]
    public async Task The_buckets_outlive_the_data_source_that_wrote_them()
    {
        await Store.LeaseAsync(Key, PerMinute, new QuotaAsk(25, 2500), T0, CancellationToken.None);

        QuotaBucketState? read;
        await using (var restarted = NpgsqlDataSource.Create(database.ConnectionString))
        {
            read = await new PostgresQuotaLeaseStore(restarted).ReadAsync(Key, T0, CancellationToken.None);
        }

        Assert.Equal(new QuotaBucketState(PerMinute, new QuotaLevels(35, 0, 3500, 0)), read);
    }
}
