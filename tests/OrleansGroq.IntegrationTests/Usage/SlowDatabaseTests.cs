using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansGroq.Abstractions.Usage;
using OrleansGroq.Grains.Usage;
using OrleansGroq.IntegrationTests.Conversations.Store;
using OrleansGroq.IntegrationTests.Infrastructure;
using OrleansGroq.Persistence.PostgreSql.Usage;

namespace OrleansGroq.IntegrationTests.Usage;

/// <summary>
/// The ledger's writer over a PostgreSQL that cannot take rows for now (a test holds a lock on the table): the queue
/// stays bounded, and what it holds is written once the database takes rows again, shutdown included.
/// </summary>
public sealed class SlowDatabaseTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IDisposable
{
    private static readonly DateTimeOffset At = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task While_the_table_is_locked_the_queue_keeps_its_bound_and_shutdown_writes_what_it_holds()
    {
        using var writer = new UsageLedgerWriter(
            new PostgresUsageLedger(database.DataSource),
            Options.Create(new UsageLedgerOptions { QueueCapacity = 10 }),
            TimeProvider.System,
            _services.GetRequiredService<IMeterFactory>(),
            NullLogger<UsageLedgerWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        await using var blocker = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE usage_ledger IN EXCLUSIVE MODE", blocker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        writer.Enqueue(Row(0));
        await Polling.UntilAsync(CopyIsWaitingAsync, "the writer's COPY waits for the lock");
        for (var n = 1; n <= 15; n++)
        {
            writer.Enqueue(Row(n));
        }

        Assert.Equal(5, writer.Dropped);

        var stopping = writer.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        await transaction.CommitAsync();
        await stopping;

        await using var written = database.DataSource.CreateCommand("SELECT request_id FROM usage_ledger WHERE occurred_at = $1 ORDER BY request_id COLLATE \"C\"");
        written.Parameters.Add(new NpgsqlParameter { Value = At });
        var ids = new List<string>();
        await using (var reader = await written.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
            }
        }

        Assert.Equal(Enumerable.Range(0, 11).Select(n => $"slow_{n:D2}"), ids);
    }

    private async Task<bool> CopyIsWaitingAsync()
    {
        await using var waiting = database.DataSource.CreateCommand("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'usage_ledger'::regclass");
        return (long)(await waiting.ExecuteScalarAsync())! > 0;
    }

    private static UsageEntry Row(int n) =>
        new(At, $"slow_{n:D2}", "tenant", "groq", "llama-3.1-8b-instant", "k1", "org_a", 200, UsageEntry.Succeeded, false, 10, 0, 5, 12.5, null, 0.0000009m);
}
